// One transaction from instructions to confirmation, with its progress: simulated first (a refusal is shown by
// its program error's name and nothing is signed), then signed by the wallet, sent, and confirmed.
import {
  appendTransactionMessageInstructions,
  compileTransaction,
  createTransactionMessage,
  getBase64EncodedWireTransaction,
  getTransactionDecoder,
  getTransactionEncoder,
  pipe,
  prependTransactionMessageInstruction,
  setTransactionMessageFeePayer,
  setTransactionMessageLifetimeUsingBlockhash,
  type Address,
  type Instruction,
  type Rpc,
  type Signature,
  type SolanaRpcApi,
} from '@solana/kit';
import { getSetComputeUnitLimitInstruction } from '@solana-program/compute-budget';
import { describeThrown, describeTransactionError, TxError } from '../lib/errors';

export type TxStage = 'simulating' | 'awaiting-signature' | 'sent' | 'confirmed' | 'failed';

export interface TxProgress {
  label: string;
  stage: TxStage;
  signature?: string;
  error?: string;
  /** Compute units the simulation used. */
  units?: number;
}

/** Signs one serialized transaction (the wallet). */
export type SignFn = (wire: Uint8Array) => Promise<Uint8Array>;

const MAX_UNITS = 1_400_000;

/** The compute-unit limit for a transaction that used `simulated` units: 20% headroom and 5,000 more. */
export function unitLimit(simulated: number): number {
  return Math.min(MAX_UNITS, Math.ceil(simulated * 1.2) + 5_000);
}

function build(feePayer: Address, blockhash: { blockhash: string; lastValidBlockHeight: bigint }, ixs: readonly Instruction[], units: number) {
  return pipe(
    createTransactionMessage({ version: 0 }),
    (m) => setTransactionMessageFeePayer(feePayer, m),
    (m) => setTransactionMessageLifetimeUsingBlockhash(blockhash as Parameters<typeof setTransactionMessageLifetimeUsingBlockhash>[0], m),
    (m) => appendTransactionMessageInstructions(ixs, m),
    (m) => prependTransactionMessageInstruction(getSetComputeUnitLimitInstruction({ units }), m),
  );
}

export interface SendOptions {
  rpc: Rpc<SolanaRpcApi>;
  rpcUrl: string;
  feePayer: Address;
  sign: SignFn;
  label: string;
  instructions: readonly Instruction[];
  onProgress: (p: TxProgress) => void;
  /** How long to wait for confirmation, ms. */
  timeoutMs?: number;
}

/** Simulates, signs, sends and confirms; resolves with the signature or throws a `TxError` (already reported). */
export async function sendTransaction(o: SendOptions): Promise<Signature> {
  const report = (p: Omit<TxProgress, 'label'>): void => o.onProgress({ label: o.label, ...p });
  let signature: string | undefined;
  try {
    report({ stage: 'simulating' });
    const programs = ['ComputeBudget111111111111111111111111111111', ...o.instructions.map((i) => i.programAddress)];
    const { value: latest } = await o.rpc.getLatestBlockhash({ commitment: 'confirmed' }).send();
    const probe = compileTransaction(build(o.feePayer, latest, o.instructions, MAX_UNITS));
    const sim = await o.rpc
      .simulateTransaction(getBase64EncodedWireTransaction(probe), {
        encoding: 'base64',
        sigVerify: false,
        replaceRecentBlockhash: true,
        commitment: 'confirmed',
      })
      .send();
    if (sim.value.err) throw describeTransactionError(sim.value.err, programs, sim.value.logs ?? []);
    const units = unitLimit(Number(sim.value.unitsConsumed ?? 200_000n));
    const tx = compileTransaction(build(o.feePayer, latest, o.instructions, units));
    const wire = new Uint8Array(getTransactionEncoder().encode(tx));

    report({ stage: 'awaiting-signature', units });
    const signed = getTransactionDecoder().decode(await o.sign(wire));
    const sig = signed.signatures[o.feePayer];
    if (!sig) throw new TxError('The wallet did not sign the transaction.', 'other');
    signature = await o.rpc
      .sendTransaction(getBase64EncodedWireTransaction(signed), { encoding: 'base64', skipPreflight: true })
      .send();
    report({ stage: 'sent', signature, units });

    const deadline = Date.now() + (o.timeoutMs ?? 60_000);
    for (;;) {
      const { value } = await o.rpc.getSignatureStatuses([signature as Signature]).send();
      const st = value[0];
      if (st?.err) {
        const detail = await o.rpc
          .getTransaction(signature as Signature, { maxSupportedTransactionVersion: 0, commitment: 'confirmed', encoding: 'json' })
          .send()
          .catch(() => null);
        throw describeTransactionError(st.err, programs, detail?.meta?.logMessages ?? []);
      }
      if (st && (st.confirmationStatus === 'confirmed' || st.confirmationStatus === 'finalized')) break;
      if (Date.now() > deadline) {
        throw new TxError('The transaction was sent but not confirmed in time: check its signature before retrying.', 'expired');
      }
      await new Promise((r) => setTimeout(r, 400));
    }
    report({ stage: 'confirmed', signature, units });
    return signature as Signature;
  } catch (e) {
    const err = describeThrown(e, o.rpcUrl);
    o.onProgress({ label: o.label, stage: 'failed', error: err.message, ...(signature ? { signature } : {}) });
    throw err;
  }
}

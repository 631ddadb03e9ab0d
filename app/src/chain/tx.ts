// One transaction from instructions to confirmation, with its progress: simulated first (a refusal is shown by
// its program error's name and nothing is signed), then signed by the wallet, sent, and confirmed.
import {
  appendTransactionMessageInstructions,
  compileTransaction,
  createTransactionMessage,
  getBase64EncodedWireTransaction,
  getTransactionDecoder,
  getSignatureFromTransaction,
  getTransactionEncoder,
  pipe,
  type ReadonlyUint8Array,
  prependTransactionMessageInstruction,
  setTransactionMessageFeePayer,
  setTransactionMessageLifetimeUsingBlockhash,
  type Address,
  type Instruction,
  type Rpc,
  type Signature,
  type SolanaRpcApi,
} from '@solana/kit';
import { getSetComputeUnitLimitInstruction, getSetComputeUnitPriceInstruction } from '@solana-program/compute-budget';
import { describeThrown, describeTransactionError, TxError } from '../lib/errors';

export type TxStage = 'simulating' | 'awaiting-signature' | 'sent' | 'confirmed' | 'failed' | 'unknown';

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

/** The median of recent priority fees paid to write these accounts (micro-lamports per unit; 0 if none). */
export function medianFee(fees: readonly bigint[]): bigint {
  const nonZero = fees.filter((f) => f > 0n).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return nonZero.length === 0 ? 0n : nonZero[Math.floor(nonZero.length / 2)]!;
}

function build(
  feePayer: Address,
  blockhash: { blockhash: string; lastValidBlockHeight: bigint },
  ixs: readonly Instruction[],
  units: number,
  microLamports: bigint,
) {
  return pipe(
    createTransactionMessage({ version: 0 }),
    (m) => setTransactionMessageFeePayer(feePayer, m),
    (m) => setTransactionMessageLifetimeUsingBlockhash(blockhash as Parameters<typeof setTransactionMessageLifetimeUsingBlockhash>[0], m),
    (m) => appendTransactionMessageInstructions(ixs, m),
    (m) => prependTransactionMessageInstruction(getSetComputeUnitPriceInstruction({ microLamports }), m),
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
}

const same = (a: ReadonlyUint8Array, b: ReadonlyUint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Simulates, signs, sends and confirms; resolves with the signature or throws a `TxError` (already reported).
 * Before the transaction is sent, a failure means nothing was sent. After, it is "failed" only when the chain
 * says so; a lost connection or a slow cluster leaves it "unknown" until its blockhash has expired.
 */
export async function sendTransaction(o: SendOptions): Promise<Signature> {
  const report = (p: Omit<TxProgress, 'label'>): void => o.onProgress({ label: o.label, ...p });
  let signature: Signature | undefined;
  let units: number | undefined;
  let lastValid = 0n;
  const programs = ['ComputeBudget111111111111111111111111111111', 'ComputeBudget111111111111111111111111111111', ...o.instructions.map((i) => i.programAddress)];
  try {
    report({ stage: 'simulating' });
    const { value: latest } = await o.rpc.getLatestBlockhash({ commitment: 'confirmed' }).send();
    lastValid = latest.lastValidBlockHeight;
    const writable = [...new Set(o.instructions.flatMap((i) => (i.accounts ?? []).filter((a) => a.role === 1 || a.role === 3).map((a) => a.address)))].slice(0, 128);
    const fees = await o.rpc
      .getRecentPrioritizationFees(writable)
      .send()
      .catch(() => []);
    const microLamports = medianFee(fees.map((f) => BigInt(f.prioritizationFee)));
    const probe = compileTransaction(build(o.feePayer, latest, o.instructions, MAX_UNITS, microLamports));
    const sim = await o.rpc
      .simulateTransaction(getBase64EncodedWireTransaction(probe), {
        encoding: 'base64',
        sigVerify: false,
        replaceRecentBlockhash: true,
        commitment: 'confirmed',
      })
      .send();
    if (sim.value.err) throw describeTransactionError(sim.value.err, programs, sim.value.logs ?? []);
    if (sim.value.unitsConsumed === undefined) throw new TxError('The RPC did not say how many compute units this needs; nothing was sent.', 'rpc');
    units = unitLimit(Number(sim.value.unitsConsumed));
    const tx = compileTransaction(build(o.feePayer, latest, o.instructions, units, microLamports));
    const wire = new Uint8Array(getTransactionEncoder().encode(tx));

    report({ stage: 'awaiting-signature', units });
    const signed = getTransactionDecoder().decode(await o.sign(wire));
    if (!signed.signatures[o.feePayer]) throw new TxError('The wallet did not sign the transaction; nothing was sent.', 'other');
    if (!same(signed.messageBytes, tx.messageBytes)) {
      // a wallet may add its own priority fee: whatever it returns is simulated again before it is sent
      const again = await o.rpc
        .simulateTransaction(getBase64EncodedWireTransaction(signed), { encoding: 'base64', sigVerify: true, commitment: 'confirmed' })
        .send();
      if (again.value.err) throw describeTransactionError(again.value.err, [], again.value.logs ?? []);
    }
    // the signature is the transaction's own, never the RPC's word for it
    signature = getSignatureFromTransaction(signed);
    await o.rpc.sendTransaction(getBase64EncodedWireTransaction(signed), { encoding: 'base64', skipPreflight: true }).send();
    report({ stage: 'sent', signature, units });
  } catch (e) {
    if (signature === undefined) {
      const err = describeThrown(e, o.rpcUrl);
      report({ stage: 'failed', error: err.message, ...(units ? { units } : {}) });
      throw err;
    }
    // the send call itself failed after signing: the transaction may still have reached the cluster
  }
  return confirm(o, signature, lastValid, programs, units, report);
}

async function confirm(
  o: SendOptions,
  signature: Signature,
  lastValid: bigint,
  programs: readonly string[],
  units: number | undefined,
  report: (p: Omit<TxProgress, 'label'>) => void,
): Promise<Signature> {
  const base = { signature, ...(units ? { units } : {}) };
  let errors = 0;
  for (;;) {
    try {
      const { value } = await o.rpc.getSignatureStatuses([signature]).send();
      const st = value[0];
      if (st?.err) {
        const detail = await o.rpc
          .getTransaction(signature, { maxSupportedTransactionVersion: 0, commitment: 'confirmed', encoding: 'json' })
          .send()
          .catch(() => null);
        const err = describeTransactionError(st.err, programs, detail?.meta?.logMessages ?? []);
        report({ stage: 'failed', error: err.message, ...base });
        throw err;
      }
      if (st && (st.confirmationStatus === 'confirmed' || st.confirmationStatus === 'finalized')) {
        report({ stage: 'confirmed', ...base });
        return signature;
      }
      // not seen yet: it can still land until its blockhash expires
    } catch (e) {
      if (e instanceof TxError) throw e;
      if (++errors >= 30) {
        const err = new TxError('The transaction was sent, but the RPC stopped answering: its outcome is unknown, so check its page before retrying.', 'rpc');
        report({ stage: 'unknown', error: err.message, ...base });
        throw err;
      }
    }
    try {
      const height = await o.rpc.getBlockHeight({ commitment: 'confirmed' }).send();
      if (height > lastValid) {
        const err = new TxError('The transaction expired before it landed; nothing was changed. Try again.', 'expired');
        report({ stage: 'failed', error: err.message, ...base });
        throw err;
      }
    } catch (e) {
      if (e instanceof TxError) throw e;
      if (++errors >= 30) {
        const err = new TxError('The transaction was sent, but the RPC stopped answering: its outcome is unknown, so check its page before retrying.', 'rpc');
        report({ stage: 'unknown', error: err.message, ...base });
        throw err;
      }
    }
    await new Promise((r) => setTimeout(r, 400));
  }
}

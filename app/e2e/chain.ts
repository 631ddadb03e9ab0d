// The end-to-end tests' side of the local chain: starts `pst-localnet` (the SBF programs, bootstrapped), makes
// funded wallets, mints USDC with the local mint authority (the SPL Token program's own instructions), moves the
// chain's clock, and runs the `pst` CLI and one keeper pass, as an operator would.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  address,
  appendTransactionMessageInstructions,
  getAddressDecoder,
  createKeyPairSignerFromBytes,
  createSolanaRpc,
  createTransactionMessage,
  getBase64EncodedWireTransaction,
  lamports,
  pipe,
  setTransactionMessageFeePayerSigner,
  setTransactionMessageLifetimeUsingBlockhash,
  signTransactionMessageWithSigners,
  type Address,
  type Instruction,
  type Signature,
} from '@solana/kit';
import { getCreateAssociatedTokenIdempotentInstructionAsync, getMintToInstruction, findAssociatedTokenPda, TOKEN_PROGRAM_ADDRESS } from '@solana-program/token';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(here, '..', '..');
const bin = (name: string): string => join(REPO, 'target', 'debug', name);

export interface Chain {
  url: string;
  keysDir: string;
  usdcMint: Address;
  process: ChildProcess;
}

/** Starts the local chain on `port` (JSON-RPC) and `port + 1` (pubsub) with the demo merchant ACME and two days of
 *  its history (revenue periods, trades, distributions); resolves when it is ready. */
export async function startChain(port: number): Promise<Chain> {
  for (const f of ['pst-localnet', 'pst']) {
    if (!existsSync(bin(f))) throw new Error(`${bin(f)} is missing: build it with \`cargo build -p pst-localnet -p pst-cli\``);
  }
  const keysDir = mkdtempSync(join(tmpdir(), 'pst-e2e-keys-'));
  const child = spawn(bin('pst-localnet'), ['--rpc-port', String(port), '--ws-port', String(port + 1), '--keys-dir', keysDir, '--demo', '--history-days', '2'], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RUST_LOG: 'error' },
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 120_000;
  while (!/ready on/.test(out)) {
    if (child.exitCode !== null) throw new Error(`pst-localnet exited: ${out}`);
    if (Date.now() > deadline) throw new Error(`pst-localnet did not start in two minutes: ${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const mint = /USDC mint\s+(\S+)/.exec(out)?.[1];
  if (!mint) throw new Error(`no USDC mint in pst-localnet's output: ${out}`);
  return { url: `http://127.0.0.1:${port}`, keysDir, usdcMint: address(mint), process: child };
}

export interface TestWallet {
  name: string;
  address: Address;
  /** 64 bytes: seed then public key (the Solana CLI's keypair file format). */
  secretKey: number[];
  /** The keypair file, for the `pst` CLI. */
  file: string;
}

/** A new keypair written as a keypair file. */
export function newWallet(dir: string, name: string): TestWallet {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
  const pub = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const secretKey = [...seed, ...pub];
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(secretKey));
  return { name, address: base58(new Uint8Array(pub)), secretKey, file };
}

/** A keypair file of the local chain's keys directory (deployer, admin, underwriter, reporter-0, …). */
export function loadWallet(keysDir: string, name: string): TestWallet {
  const file = join(keysDir, `${name}.json`);
  const secretKey = JSON.parse(readFileSync(file, 'utf8')) as number[];
  return { name, address: base58(Uint8Array.from(secretKey.slice(32))), secretKey, file };
}

/** A public key's address (base58). */
const base58 = (bytes: Uint8Array): Address => getAddressDecoder().decode(bytes);

export class ChainClient {
  readonly rpc;
  constructor(readonly chain: Chain) {
    this.rpc = createSolanaRpc(chain.url);
  }

  async confirm(sig: Signature): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const { value } = await this.rpc.getSignatureStatuses([sig]).send();
      const s = value[0];
      if (s?.err) throw new Error(`transaction ${sig} failed: ${JSON.stringify(s.err, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))}`);
      if (s?.confirmationStatus === 'confirmed' || s?.confirmationStatus === 'finalized') return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`transaction ${sig} not confirmed`);
  }

  async airdrop(to: Address, sol: number): Promise<void> {
    const sig = await this.rpc.requestAirdrop(to, lamports(BigInt(sol) * 1_000_000_000n)).send();
    await this.confirm(sig);
  }

  private async send(signer: Awaited<ReturnType<typeof createKeyPairSignerFromBytes>>, ixs: Instruction[]): Promise<void> {
    const { value: latest } = await this.rpc.getLatestBlockhash().send();
    const msg = pipe(
      createTransactionMessage({ version: 0 }),
      (m) => setTransactionMessageFeePayerSigner(signer, m),
      (m) => setTransactionMessageLifetimeUsingBlockhash(latest, m),
      (m) => appendTransactionMessageInstructions(ixs, m),
    );
    const tx = await signTransactionMessageWithSigners(msg);
    const sig = await this.rpc.sendTransaction(getBase64EncodedWireTransaction(tx), { encoding: 'base64' }).send();
    await this.confirm(sig);
  }

  /** Mints `usdc` base units to `owner`'s USDC account (created if missing). */
  async mintUsdc(owner: Address, usdc: bigint): Promise<void> {
    const authority = loadWallet(this.chain.keysDir, 'usdc-authority');
    const signer = await createKeyPairSignerFromBytes(Uint8Array.from(authority.secretKey));
    const [ata] = await findAssociatedTokenPda({ owner, mint: this.chain.usdcMint, tokenProgram: TOKEN_PROGRAM_ADDRESS });
    await this.send(signer, [
      await getCreateAssociatedTokenIdempotentInstructionAsync({ payer: signer, owner, mint: this.chain.usdcMint }),
      getMintToInstruction({ mint: this.chain.usdcMint, token: ata, mintAuthority: signer, amount: usdc }),
    ]);
  }

  /** Mints `usdc` base units straight into a token account (customers' payments into a settlement vault). */
  async mintUsdcTo(token: Address, usdc: bigint): Promise<void> {
    const authority = loadWallet(this.chain.keysDir, 'usdc-authority');
    const signer = await createKeyPairSignerFromBytes(Uint8Array.from(authority.secretKey));
    await this.send(signer, [getMintToInstruction({ mint: this.chain.usdcMint, token, mintAuthority: signer, amount: usdc })]);
  }

  async now(): Promise<bigint> {
    const slot = await this.rpc.getSlot().send();
    const t = await this.rpc.getBlockTime(slot).send();
    return BigInt(t);
  }

  /** Moves the chain's clock `secs` forward (the engine's `surfnet_timeTravel`). */
  async travel(secs: number): Promise<void> {
    const target = (Number(await this.now()) + secs) * 1000;
    const res = await fetch(this.chain.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'surfnet_timeTravel', params: [{ absoluteTimestamp: target }] }),
    });
    if (!res.ok) throw new Error(`time travel failed: ${res.status}`);
    await new Promise((r) => setTimeout(r, 900));
  }

  /** Runs the `pst` CLI with `wallet`'s keypair; returns its JSON output. */
  cli(wallet: TestWallet, args: string[]): unknown {
    const out = execFileSync(bin('pst'), ['--url', this.chain.url, '--keypair', wallet.file, '--output', 'json', ...args], { encoding: 'utf8' });
    return JSON.parse(out) as unknown;
  }

  /** One keeper pass (`pst keeper run --once`); returns the cranks it landed. */
  keeper(wallet: TestWallet): string[] {
    const pass = this.cli(wallet, ['keeper', 'run', '--once']) as { done?: { crank: string }[] };
    return (pass.done ?? []).map((c) => c.crank);
  }
}

// A failed transaction as one sentence a person can act on: a program's refusal by its name and message from the
// IDL (never a raw code), the wallet's refusal, a wrong network, an unreachable RPC.
import { ERRORS as ALAR } from '../generated/alar_reserve/errorTable';
import { ERRORS as AMM } from '../generated/amm_pool/errorTable';
import { ERRORS as PST } from '../generated/pst_mint/errorTable';
import { ERRORS as RD } from '../generated/revenue_distributor/errorTable';
import { ERRORS as YT } from '../generated/yield_tranches/errorTable';
import { ALAR_RESERVE_PROGRAM_ADDRESS } from '../generated/alar_reserve/programs';
import { AMM_POOL_PROGRAM_ADDRESS } from '../generated/amm_pool/programs';
import { PST_MINT_PROGRAM_ADDRESS } from '../generated/pst_mint/programs';
import { REVENUE_DISTRIBUTOR_PROGRAM_ADDRESS } from '../generated/revenue_distributor/programs';
import { YIELD_TRANCHES_PROGRAM_ADDRESS } from '../generated/yield_tranches/programs';

type Table = Readonly<Record<number, { readonly name: string; readonly message: string }>>;

export const TOKEN_PROGRAM = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
export const TOKEN_2022_PROGRAM = 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb';
export const ASSOCIATED_TOKEN_PROGRAM = 'ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL';
export const SYSTEM_PROGRAM = '11111111111111111111111111111111';

/** The PST programs by address: their names and error tables. */
export const PROGRAMS: Readonly<Record<string, { name: string; errors: Table }>> = {
  [PST_MINT_PROGRAM_ADDRESS]: { name: 'pst_mint', errors: PST },
  [REVENUE_DISTRIBUTOR_PROGRAM_ADDRESS]: { name: 'revenue_distributor', errors: RD },
  [AMM_POOL_PROGRAM_ADDRESS]: { name: 'amm_pool', errors: AMM },
  [ALAR_RESERVE_PROGRAM_ADDRESS]: { name: 'alar_reserve', errors: ALAR },
  [YIELD_TRANCHES_PROGRAM_ADDRESS]: { name: 'yield_tranches', errors: YT },
};

/** Anchor's own errors an account check can raise (anchor-lang 1.2). */
const ANCHOR: Table = {
  100: { name: 'InstructionMissing', message: '8 byte instruction identifier not provided' },
  101: { name: 'InstructionFallbackNotFound', message: 'Fallback functions are not supported' },
  102: { name: 'InstructionDidNotDeserialize', message: 'The program could not deserialize the given instruction' },
  2000: { name: 'ConstraintMut', message: 'A mut constraint was violated' },
  2001: { name: 'ConstraintHasOne', message: 'A has one constraint was violated' },
  2002: { name: 'ConstraintSigner', message: 'A signer constraint was violated' },
  2003: { name: 'ConstraintRaw', message: 'A raw constraint was violated' },
  2004: { name: 'ConstraintOwner', message: 'An owner constraint was violated' },
  2006: { name: 'ConstraintSeeds', message: 'A seeds constraint was violated' },
  2012: { name: 'ConstraintAddress', message: 'An address constraint was violated' },
  2014: { name: 'ConstraintTokenMint', message: 'A token mint constraint was violated' },
  2015: { name: 'ConstraintTokenOwner', message: 'A token owner constraint was violated' },
  3001: { name: 'AccountDiscriminatorNotFound', message: 'No discriminator was found on the account' },
  3002: { name: 'AccountDiscriminatorMismatch', message: 'Account discriminator did not match what was expected' },
  3003: { name: 'AccountDidNotDeserialize', message: 'Failed to deserialize the account' },
  3007: { name: 'AccountOwnedByWrongProgram', message: 'The given account is owned by a different program than expected' },
  3010: { name: 'AccountNotSigner', message: 'The given account did not sign' },
  3012: { name: 'AccountNotInitialized', message: 'The program expected this account to be already initialized' },
};

/** SPL Token's (and Token-2022's) errors by code. */
const TOKEN: Table = Object.fromEntries(
  [
    ['NotRentExempt', 'Lamport balance below rent-exempt threshold'],
    ['InsufficientFunds', 'Insufficient funds'],
    ['InvalidMint', 'Invalid Mint'],
    ['MintMismatch', 'Account not associated with this Mint'],
    ['OwnerMismatch', 'Owner does not match'],
    ['FixedSupply', 'Fixed supply'],
    ['AlreadyInUse', 'Already in use'],
    ['InvalidNumberOfProvidedSigners', 'Invalid number of provided signers'],
    ['InvalidNumberOfRequiredSigners', 'Invalid number of required signers'],
    ['UninitializedState', 'State is uninitialized'],
    ['NativeNotSupported', 'Instruction does not support native tokens'],
    ['NonNativeHasBalance', 'Non-native account can only be closed if its balance is zero'],
    ['InvalidInstruction', 'Invalid instruction'],
    ['InvalidState', 'State is invalid for requested operation'],
    ['Overflow', 'Operation overflowed'],
    ['AuthorityTypeNotSupported', 'Account does not support specified authority type'],
    ['MintCannotFreeze', 'This token mint cannot freeze accounts'],
    ['AccountFrozen', 'Account is frozen'],
    ['MintDecimalsMismatch', 'The provided decimals value different from the Mint decimals'],
    ['NonNativeNotSupported', 'Instruction does not support non-native tokens'],
  ].map(([name, message], code) => [code, { name: name as string, message: message as string }]),
);

/** What a person can do about the errors they are likely to meet, after the program's own words. */
const ADVICE: Readonly<Record<string, string>> = {
  SlippageExceeded: 'The price moved past your slippage limit before the trade landed; nothing was traded: check the new quote and try again.',
  Paused: 'The guardian has paused this part of the protocol; try again once it reopens.',
  ExitsFrozen: 'Exits are frozen for a short while by the admin; they reopen by themselves.',
  StaleMetrics: 'The revenue data is out of date until the next period is accepted.',
};

/** A transaction the chain or the wallet refused, as one sentence. */
export class TxError extends Error {
  constructor(
    message: string,
    /** What kind of failure: the UI may style them apart. */
    readonly kind: 'program' | 'rejected' | 'network' | 'rpc' | 'funds' | 'input' | 'expired' | 'other',
    /** The program error's name, if a program refused. */
    readonly errorName?: string,
  ) {
    super(message);
  }
}

const num = (v: unknown): number | null =>
  typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null;

/**
 * The sentence for a transaction error as the RPC returns it (`{ InstructionError: [index, { Custom: code }] }`,
 * `"InsufficientFundsForFee"`, …), given the program each instruction of the transaction called.
 */
export function describeTransactionError(err: unknown, programs: readonly string[], logs: readonly string[] = []): TxError {
  if (typeof err === 'string') {
    const simple: Record<string, [string, TxError['kind']]> = {
      InsufficientFundsForFee: ['Your wallet has too little SOL to pay the transaction fee.', 'funds'],
      AccountNotFound: ['Your wallet has no SOL on this network yet: fund it to pay fees.', 'funds'],
      BlockhashNotFound: ['The transaction expired before it landed; nothing was changed. Try again.', 'expired'],
      AlreadyProcessed: ['This transaction was already processed.', 'other'],
    };
    const [m, kind] = simple[err] ?? [`The network refused the transaction (${err}).`, 'other'];
    return new TxError(m, kind);
  }
  if (err && typeof err === 'object' && 'InstructionError' in err) {
    const [index, inner] = (err as { InstructionError: [unknown, unknown] }).InstructionError;
    const i = num(index) ?? -1;
    // an error raised in a program called by CPI carries that program's code: the first "failed" log names it
    const program = failingProgram(logs) ?? programs[i] ?? '';
    const custom = inner && typeof inner === 'object' && 'Custom' in inner ? num((inner as { Custom: unknown }).Custom) : null;
    if (custom !== null) {
      const pst = PROGRAMS[program];
      const hit =
        pst?.errors[custom] ??
        (pst ? ANCHOR[custom] : undefined) ??
        (program === TOKEN_PROGRAM || program === TOKEN_2022_PROGRAM ? TOKEN[custom] : undefined);
      if (hit) {
        const who = pst?.name ?? (program === TOKEN_2022_PROGRAM ? 'Token-2022' : 'SPL Token');
        if (hit.name === 'InsufficientFunds') {
          return new TxError(`${who} refused: InsufficientFunds — your token balance is too low for this.`, 'funds', hit.name);
        }
        const advice = ADVICE[hit.name];
        return new TxError(`${who} refused: ${hit.name} — ${hit.message}.${advice ? ` ${advice}` : ''}`, 'program', hit.name);
      }
      return new TxError(
        `Instruction ${i + 1} failed with error code ${custom} from ${program || 'an unknown program'}; nothing was changed (the transaction's page has its logs).`,
        'program',
      );
    }
    if (typeof inner === 'string') {
      if (inner === 'ComputationalBudgetExceeded' || (inner === 'ProgramFailedToComplete' && logs.some((l) => l.includes('exceeded CUs meter')))) {
        return new TxError('The transaction ran out of compute units; nothing was changed.', 'other');
      }
      const lamports = logs.some((l) => l.includes('insufficient lamports'));
      if (lamports) return new TxError('Your wallet has too little SOL to open the accounts this needs.', 'funds');
      return new TxError(`Instruction ${i + 1} failed: ${inner}.`, 'other');
    }
  }
  return new TxError(`The transaction failed: ${JSON.stringify(err, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))}.`, 'other');
}

/** The program whose failure the logs record first (the innermost, when the error came through a CPI). */
export function failingProgram(logs: readonly string[]): string | undefined {
  for (const l of logs) {
    const m = /^Program (\w+) failed: /.exec(l);
    if (m) return m[1];
  }
  return undefined;
}

/** The sentence for anything thrown while sending (a wallet's refusal, a dropped connection, …). */
export function describeThrown(e: unknown, rpcUrl: string): TxError {
  if (e instanceof TxError) return e;
  const message = e instanceof Error ? e.message : String(e);
  const name = e instanceof Error ? e.name : '';
  const code = e && typeof e === 'object' && 'code' in e ? (e as { code: unknown }).code : undefined;
  if (code === 4001 || /reject|denied|declined|cancel/i.test(message) || /Reject/i.test(name)) {
    return new TxError('You rejected the request in your wallet; nothing was sent.', 'rejected');
  }
  if (/Failed to fetch|NetworkError|ECONNREFUSED|fetch failed|Load failed/i.test(message)) {
    return new TxError(`Cannot reach the RPC at ${rpcUrl}: is the local chain running?`, 'rpc');
  }
  return new TxError(message.endsWith('.') ? message : `${message}.`, 'other');
}

// Accounts the programs create by hand (not as typed Anchor accounts), so their IDLs do not carry them and Codama
// cannot generate their decoders: `yield_tranches`' `Request` and `Epoch`, `alar_reserve`'s `Cover`. These
// decoders follow the Rust structs field for field (Borsh, after Anchor's 8-byte discriminator) and are checked
// against bytes the programs' own types serialize (test/vectors.json, `cargo run -p pst-vectors`).
import {
  fixDecoderSize,
  getAddressDecoder,
  getArrayDecoder,
  getBytesDecoder,
  getI64Decoder,
  getStructDecoder,
  getU128Decoder,
  getU16Decoder,
  getU32Decoder,
  getU64Decoder,
  getU8Decoder,
  type Address,
  type Decoder,
} from '@solana/kit';

/** sha256("account:Request")[..8] and sha256("account:Epoch")[..8] (the vectors test checks them against the programs'). */
export const REQUEST_DISCRIMINATOR = Uint8Array.from([0x7d, 0xac, 0x96, 0xa1, 0xa2, 0x73, 0x27, 0x47]);
export const EPOCH_DISCRIMINATOR = Uint8Array.from([0x5d, 0x53, 0x78, 0x59, 0x97, 0x8a, 0x98, 0x6c]);
/** sha256("account:Cover")[..8]. */
export const COVER_DISCRIMINATOR = Uint8Array.from([0x68, 0x9d, 0xa0, 0xc1, 0x68, 0x85, 0xe4, 0x4a]);

export interface Request {
  tranches: Address;
  owner: Address;
  /** 0 senior, 1 junior. */
  tranche: number;
  nextEpoch: number;
  deposit: bigint;
  redeem: bigint;
  sharesToClaim: bigint;
  usdcToClaim: bigint;
  deposited: bigint;
  sharesReceived: bigint;
  redeemed: bigint;
  usdcReceived: bigint;
  bump: number;
}

export interface Fill {
  queued: bigint;
  executed: bigint;
  output: bigint;
}

export interface Epoch {
  tranches: Address;
  index: number;
  start: bigint;
  end: bigint;
  apyBps: number;
  nextApyBps: number;
  twapQ64: bigint;
  income: bigint;
  assets: bigint;
  seniorClaim: bigint;
  backstopRequested: bigint;
  backstopPaid: bigint;
  arrears: bigint;
  yieldArrears: bigint;
  values: bigint[];
  supplies: bigint[];
  seniorRealisedBps: bigint;
  juniorReturnBps: bigint;
  fills: Fill[];
  pstSold: bigint;
  usdcFromSales: bigint;
  usdcSpent: bigint;
  pstBought: bigint;
  valuesAfter: bigint[];
  bump: number;
}

export interface Cover {
  reserve: Address;
  period: number;
  /** The period's recorded shortfall. */
  shortfall: bigint;
  /** Paid so far into the dividend vault from the stake. */
  covered: bigint;
  bump: number;
}

const disc = fixDecoderSize(getBytesDecoder(), 8);
const u64 = getU64Decoder();

const requestDecoder = getStructDecoder([
  ['discriminator', disc],
  ['tranches', getAddressDecoder()],
  ['owner', getAddressDecoder()],
  ['tranche', getU8Decoder()],
  ['nextEpoch', getU32Decoder()],
  ['deposit', u64],
  ['redeem', u64],
  ['sharesToClaim', u64],
  ['usdcToClaim', u64],
  ['deposited', u64],
  ['sharesReceived', u64],
  ['redeemed', u64],
  ['usdcReceived', u64],
  ['bump', getU8Decoder()],
]) as unknown as Decoder<Request & { discriminator: Uint8Array }>;

const fillDecoder = getStructDecoder([
  ['queued', u64],
  ['executed', u64],
  ['output', u64],
]);

const epochDecoder = getStructDecoder([
  ['discriminator', disc],
  ['tranches', getAddressDecoder()],
  ['index', getU32Decoder()],
  ['start', getI64Decoder()],
  ['end', getI64Decoder()],
  ['apyBps', getU16Decoder()],
  ['nextApyBps', getU16Decoder()],
  ['twapQ64', getU128Decoder()],
  ['income', u64],
  ['assets', u64],
  ['seniorClaim', u64],
  ['backstopRequested', u64],
  ['backstopPaid', u64],
  ['arrears', u64],
  ['yieldArrears', u64],
  ['values', getArrayDecoder(u64, { size: 2 })],
  ['supplies', getArrayDecoder(u64, { size: 2 })],
  ['seniorRealisedBps', getI64Decoder()],
  ['juniorReturnBps', getI64Decoder()],
  ['fills', getArrayDecoder(fillDecoder, { size: 4 })],
  ['pstSold', u64],
  ['usdcFromSales', u64],
  ['usdcSpent', u64],
  ['pstBought', u64],
  ['valuesAfter', getArrayDecoder(u64, { size: 2 })],
  ['bump', getU8Decoder()],
]) as unknown as Decoder<Epoch & { discriminator: Uint8Array }>;

const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** A `Request` from its account data, or null if the data is not one. */
export function decodeRequest(data: Uint8Array): Request | null {
  if (data.length < 8 || !same(data.subarray(0, 8), REQUEST_DISCRIMINATOR)) return null;
  const { discriminator: _, ...r } = requestDecoder.decode(data);
  return r;
}

/** An `Epoch` from its account data, or null if the data is not one. */
export function decodeEpoch(data: Uint8Array): Epoch | null {
  if (data.length < 8 || !same(data.subarray(0, 8), EPOCH_DISCRIMINATOR)) return null;
  const { discriminator: _, ...e } = epochDecoder.decode(data);
  return e;
}

const coverDecoder = getStructDecoder([
  ['discriminator', disc],
  ['reserve', getAddressDecoder()],
  ['period', getU32Decoder()],
  ['shortfall', u64],
  ['covered', u64],
  ['bump', getU8Decoder()],
]) as unknown as Decoder<Cover & { discriminator: Uint8Array }>;

/** A `Cover` from its account data, or null if the data is not one. */
export function decodeCover(data: Uint8Array): Cover | null {
  if (data.length < 8 || !same(data.subarray(0, 8), COVER_DISCRIMINATOR)) return null;
  const { discriminator: _, ...c } = coverDecoder.decode(data);
  return c;
}

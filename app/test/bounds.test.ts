// The forms' checks at the programs' bounds: each limit accepted at its edge and refused one past it.
import { describe, expect, it } from 'vitest';
import { checkApproval, checkProfile, checkSpend, checkTrancheDeposit, defaultApproval, initialPeBps, type ApprovalInput, type ProfileInput } from '../src/lib/bounds';

const profile: ProfileInput = {
  name: 'Acme',
  symbol: 'ACME',
  tokenUri: '',
  evidenceUri: 'https://pst.example/e.zip',
  evidenceHash: 'ab'.repeat(32),
  trailingRevenue: 1_000_000_000_000n,
  marginBps: 1_800,
  growthBps: 2_500,
  inventoryValue: 250_000_000_000n,
  historyMonths: 36,
};
const fields = (p: ProfileInput) => checkProfile(p).map((x) => x.field);

describe('checkProfile (MerchantProfile::validate)', () => {
  it('accepts a valid application', () => expect(checkProfile(profile)).toEqual([]));
  it('name and symbol lengths in bytes', () => {
    expect(fields({ ...profile, name: 'x'.repeat(32) })).toEqual([]);
    expect(fields({ ...profile, name: 'x'.repeat(33) })).toEqual(['name']);
    expect(fields({ ...profile, name: 'é'.repeat(17) })).toEqual(['name']); // 34 bytes
    expect(fields({ ...profile, name: '' })).toEqual(['name']);
    expect(fields({ ...profile, symbol: 'ABCDEFGHIJ' })).toEqual([]);
    expect(fields({ ...profile, symbol: 'ABCDEFGHIJK' })).toEqual(['symbol']);
    expect(fields({ ...profile, evidenceUri: 'u'.repeat(201) })).toEqual(['evidenceUri']);
    expect(fields({ ...profile, tokenUri: 'u'.repeat(200) })).toEqual([]);
  });
  it('metrics at their bounds', () => {
    expect(fields({ ...profile, trailingRevenue: 0n })).toEqual(['trailingRevenue']);
    expect(fields({ ...profile, marginBps: 10_000 })).toEqual([]);
    expect(fields({ ...profile, marginBps: 10_001 })).toEqual(['marginBps']);
    expect(fields({ ...profile, growthBps: -10_000 })).toEqual([]);
    expect(fields({ ...profile, growthBps: -10_001 })).toEqual(['growthBps']);
    expect(fields({ ...profile, growthBps: 100_000 })).toEqual([]);
    expect(fields({ ...profile, growthBps: 100_001 })).toEqual(['growthBps']);
    expect(fields({ ...profile, evidenceHash: 'ab' })).toEqual(['evidenceHash']);
  });
  it('history at its bound, and the eligibility thresholds at theirs', () => {
    expect(fields({ ...profile, historyMonths: 1_200 })).toEqual([]);
    expect(fields({ ...profile, historyMonths: 1_201 })).toEqual(['historyMonths']);
    const rules = { minTrailingRevenue: 50_000_000_000n, minHistoryMonths: 12 };
    const at = { ...profile, trailingRevenue: 50_000_000_000n, historyMonths: 12 };
    expect(checkProfile(at, rules)).toEqual([]);
    expect(checkProfile({ ...at, trailingRevenue: 49_999_999_999n }, rules)).toEqual([
      { field: 'trailingRevenue', message: 'The protocol lists stores with at least 50,000.00 USDC of trailing revenue.' },
    ]);
    expect(checkProfile({ ...at, historyMonths: 11 }, rules).map((x) => x.message)).toEqual([
      'The protocol lists stores with at least 12 months of operating history.',
    ]);
  });
  it('says what is wrong in words', () => {
    expect(checkProfile({ ...profile, symbol: '' })[0]?.message).toBe('The symbol must be 1 to 10 bytes long.');
  });
});

describe('checkApproval (ApprovalParams::into_economics and the initial PE band)', () => {
  const rev = profile.trailingRevenue;
  const ok: ApprovalInput = defaultApproval(rev);
  const f = (a: Partial<ApprovalInput>) => checkApproval({ ...ok, ...a }, rev).map((x) => x.field);
  it('the defaults are valid, at PE 10', () => {
    expect(checkApproval(ok, rev)).toEqual([]);
    expect(initialPeBps(ok, rev)).toBe(100_000n);
  });
  it('each bound', () => {
    expect(f({ revenueShareBps: 99 })).toContain('revenueShareBps');
    expect(f({ revenueShareBps: 5_001 })).toContain('revenueShareBps');
    expect(f({ stakeBps: 2_000 })).toEqual([]);
    expect(f({ stakeBps: 2_001 })).toEqual(['stakeBps']);
    expect(f({ totalSupply: 999_999_999n })).toContain('totalSupply');
    expect(f({ issuePrice: 99n })).toContain('issuePrice');
    expect(f({ merchantBps: 8_001, lpBps: 999, publicBps: 1_000 })).toEqual(['split']);
    expect(f({ merchantBps: 2_000, lpBps: 3_000, publicBps: 4_999 })).toEqual(['split']);
    expect(f({ vestingCliffSecs: ok.vestingDurationSecs + 1n })).toEqual(['vesting']);
    expect(f({ vestingDurationSecs: 86_399n, vestingCliffSecs: 0n })).toEqual(['vesting']);
    expect(f({ withdrawalLimitPerPeriod: 0n })).toEqual(['withdrawalLimitPerPeriod']);
    expect(f({ saleDurationSecs: 3_599n })).toEqual(['saleDurationSecs']);
    expect(f({ saleDurationSecs: 90n * 86_400n + 1n })).toEqual(['saleDurationSecs']);
  });
  it('the PE band: 8 and 15 accepted, just outside refused', () => {
    // cap = supply × price; share = 100,000 USDC a year
    expect(f({ issuePrice: 800_000n })).toEqual([]); // PE 8
    expect(f({ issuePrice: 799_999n })).toEqual(['issuePrice']);
    expect(f({ issuePrice: 1_500_000n })).toEqual([]); // PE 15
    expect(f({ issuePrice: 1_500_009n })).toEqual([]); // PE 15.00009: the program's PE rounds down to 15
    expect(f({ issuePrice: 1_500_010n })).toEqual(['issuePrice']);
    expect(checkApproval({ ...ok, issuePrice: 3_000_000n }, rev)[0]?.message).toMatch(/initial PE would be 30: it must lie in the band 8 to 15/);
  });
});

describe('spending and tranche deposits', () => {
  it('over balance is refused before signing', () => {
    expect(checkSpend(2_000_000n, 1_000_000n, 'USDC')[0]?.message).toBe('You have 1 USDC; that is less than 2 USDC.');
    expect(checkSpend(1_000_000n, 1_000_000n, 'USDC')).toEqual([]);
    expect(checkSpend(0n, 1n, 'USDC')[0]?.message).toBe('The amount must be above zero.');
  });
  it('a tranche deposit is at least 1 USDC', () => {
    expect(checkTrancheDeposit(999_999n)[0]?.message).toBe('A tranche deposit is at least 1.00 USDC.');
    expect(checkTrancheDeposit(1_000_000n)).toEqual([]);
  });
});

// A failed transaction as one sentence: program errors by their IDL name and message, never a raw code.
import { describe, expect, it } from 'vitest';
import { describeThrown, describeTransactionError, TOKEN_PROGRAM, TOKEN_2022_PROGRAM } from '../src/lib/errors';
import { AMM_POOL_PROGRAM_ADDRESS } from '../src/generated/amm_pool/programs';
import { PST_MINT_PROGRAM_ADDRESS } from '../src/generated/pst_mint/programs';
import { ERRORS as AMM } from '../src/generated/amm_pool/errorTable';
import { ERRORS as RD } from '../src/generated/revenue_distributor/errorTable';
import { REVENUE_DISTRIBUTOR_PROGRAM_ADDRESS } from '../src/generated/revenue_distributor/programs';

const CB = 'ComputeBudget111111111111111111111111111111';

describe('describeTransactionError', () => {
  it('names a PST program error from its IDL, for the instruction that failed', () => {
    const slippage = Number(Object.entries(AMM).find(([, e]) => e.name === 'SlippageExceeded')![0]);
    const e = describeTransactionError({ InstructionError: [2, { Custom: slippage }] }, [CB, TOKEN_PROGRAM, AMM_POOL_PROGRAM_ADDRESS]);
    expect(e.message).toBe(
      'amm_pool refused: SlippageExceeded — Slippage limit exceeded. The price moved past your slippage limit before the trade landed; nothing was traded: check the new quote and try again.',
    );
    expect(e.kind).toBe('program');
    expect(e.errorName).toBe('SlippageExceeded');
  });
  it('bigint codes as kit returns them', () => {
    const e = describeTransactionError({ InstructionError: [1n, { Custom: 6000n }] }, [CB, PST_MINT_PROGRAM_ADDRESS]);
    expect(e.message).toMatch(/^pst_mint refused: NotUpgradeAuthority — /);
  });
  it("Anchor's account errors in a PST program", () => {
    expect(describeTransactionError({ InstructionError: [1, { Custom: 2006 }] }, [CB, PST_MINT_PROGRAM_ADDRESS]).message).toBe(
      'pst_mint refused: ConstraintSeeds — A seeds constraint was violated.',
    );
  });
  it('an error raised by CPI is named from the program that raised it (the first "failed" log)', () => {
    const logs = [
      `Program ${AMM_POOL_PROGRAM_ADDRESS} invoke [1]`,
      `Program ${REVENUE_DISTRIBUTOR_PROGRAM_ADDRESS} invoke [2]`,
      `Program ${REVENUE_DISTRIBUTOR_PROGRAM_ADDRESS} failed: custom program error: 0x1773`,
      `Program ${AMM_POOL_PROGRAM_ADDRESS} failed: custom program error: 0x1773`,
    ];
    const rd = describeTransactionError({ InstructionError: [1, { Custom: 6003 }] }, [CB, AMM_POOL_PROGRAM_ADDRESS], logs);
    expect(rd.message).toMatch(/^revenue_distributor refused: /);
    expect(rd.errorName).toBe(RD[6003]!.name);
    const token = describeTransactionError({ InstructionError: [1, { Custom: 1 }] }, [CB, AMM_POOL_PROGRAM_ADDRESS], [
      `Program ${TOKEN_PROGRAM} failed: custom program error: 0x1`,
    ]);
    expect(token.errorName).toBe('InsufficientFunds');
  });
  it('a failed program is out of compute units only when the logs say so', () => {
    expect(describeTransactionError({ InstructionError: [1, 'ProgramFailedToComplete'] }, [CB, CB], ['Program x consumed 200000 of 200000 compute units', 'Program x failed: exceeded CUs meter at BPF instruction']).message).toBe(
      'The transaction ran out of compute units; nothing was changed.',
    );
    expect(describeTransactionError({ InstructionError: [1, 'ProgramFailedToComplete'] }, [CB, CB], []).message).toBe('Instruction 2 failed: ProgramFailedToComplete.');
  });
  it('token errors, insufficient funds in words', () => {
    const e = describeTransactionError({ InstructionError: [1, { Custom: 1 }] }, [CB, TOKEN_2022_PROGRAM]);
    expect(e.message).toBe('Token-2022 refused: InsufficientFunds — your token balance is too low for this.');
    expect(e.kind).toBe('funds');
  });
  it('unknown programs keep the code but say which instruction', () => {
    expect(describeTransactionError({ InstructionError: [0, { Custom: 7 }] }, ['Other1111111111111111111111111111111111111']).message).toBe(
      "Instruction 1 failed with error code 7 from Other1111111111111111111111111111111111111; nothing was changed (the transaction's page has its logs).",
    );
  });
  it('transaction-level errors', () => {
    expect(describeTransactionError('InsufficientFundsForFee', []).message).toBe('Your wallet has too little SOL to pay the transaction fee.');
    expect(describeTransactionError('BlockhashNotFound', []).kind).toBe('expired');
    expect(describeTransactionError({ InstructionError: [0, 'ComputationalBudgetExceeded'] }, [CB]).message).toBe(
      'The transaction ran out of compute units; nothing was changed.',
    );
  });
  it('every PST program error has a name and a message', async () => {
    for (const p of ['pst_mint', 'revenue_distributor', 'amm_pool', 'alar_reserve', 'yield_tranches']) {
      const { ERRORS } = (await import(`../src/generated/${p}/errorTable.ts`)) as { ERRORS: Record<number, { name: string; message: string }> };
      expect(Object.keys(ERRORS).length).toBeGreaterThan(5);
      for (const e of Object.values(ERRORS)) expect(e.name && e.message).toBeTruthy();
    }
  });
});

describe('describeThrown', () => {
  it('a wallet rejection', () => {
    const e = Object.assign(new Error('User rejected the request.'), { code: 4001 });
    expect(describeThrown(e, 'http://x').message).toBe('You rejected the request in your wallet; nothing was sent.');
  });
  it('an unreachable RPC', () => {
    expect(describeThrown(new TypeError('Failed to fetch'), 'http://127.0.0.1:8899').message).toBe(
      'Cannot reach the RPC at http://127.0.0.1:8899: is the local chain running?',
    );
  });
  it('anything else as one sentence', () => {
    expect(describeThrown(new Error('boom'), 'u').message).toBe('boom.');
  });
});

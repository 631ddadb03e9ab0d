import { describe, expect, it } from 'vitest';
import { AmountError, formatAmount, formatBps, formatDuration, parseAmount, parsePercentToBps, tryParse, usdc } from '../src/lib/amounts';

describe('parseAmount', () => {
  it('reads what people type', () => {
    expect(parseAmount('1', 6)).toBe(1_000_000n);
    expect(parseAmount(' 1,234.5 ', 6)).toBe(1_234_500_000n);
    expect(parseAmount('.5', 6)).toBe(500_000n);
    expect(parseAmount('0.000001', 6)).toBe(1n);
    expect(parseAmount('18446744073709.551615', 6)).toBe(18_446_744_073_709_551_615n);
  });
  it('refuses, in words, what it cannot represent exactly', () => {
    expect(() => parseAmount('0.0000001', 6)).toThrow('At most 6 decimal places.');
    expect(() => parseAmount('-1', 6)).toThrow(AmountError);
    expect(() => parseAmount('1e6', 6)).toThrow('"1e6" is not a number.');
    expect(() => parseAmount('', 6)).toThrow('Enter an amount.');
    expect(() => parseAmount('.', 6)).toThrow(AmountError);
    // a decimal comma is not a thousands separator: "1,5" would otherwise be 15
    expect(() => parseAmount('1,5', 6)).toThrow('Use a point for decimals (1.5), and commas only between thousands (1,000).');
    expect(() => parseAmount('5,0', 2)).toThrow(AmountError);
    expect(() => parseAmount('1,00,000', 6)).toThrow(AmountError);
    expect(parseAmount('12,345,678.9', 6)).toBe(12_345_678_900_000n);
  });
  it('round-trips with formatAmount', () => {
    for (const v of [0n, 1n, 999_999n, 1_000_000n, 123_456_789_012n, (1n << 64n) - 1n]) {
      expect(parseAmount(formatAmount(v, 6), 6)).toBe(v);
      expect(parseAmount(formatAmount(v, 9), 9)).toBe(v);
    }
  });
});

describe('formatting', () => {
  it('groups thousands and trims zeros', () => {
    expect(formatAmount(1_234_567_000_000n, 6)).toBe('1,234,567');
    expect(formatAmount(1_500_000n, 6)).toBe('1.5');
    expect(usdc(1_500_000n)).toBe('1.50');
    expect(usdc(-2_000_000n)).toBe('-2.00');
    expect(formatBps(1_000)).toBe('10%');
    expect(formatBps(-250)).toBe('-2.5%');
  });
  it('durations in words', () => {
    expect(formatDuration(0)).toBe('now');
    expect(formatDuration(90)).toBe('2 min');
    expect(formatDuration(3_600)).toBe('1 h');
    expect(formatDuration(86_400 * 3 + 3_600 * 4)).toBe('3 days 4 h');
    expect(formatDuration(86_400)).toBe('1 day');
  });
  it('percentages to bps', () => {
    expect(parsePercentToBps('12.5')).toBe(1_250);
    expect(() => parsePercentToBps('12.555')).toThrow('At most 2 decimal places.');
    expect(() => parsePercentToBps('10001')).toThrow('That percentage is too large.');
  });
  it('tryParse gives the value or the problem', () => {
    expect(tryParse('', 6)).toEqual({ value: null });
    expect(tryParse('2', 6)).toEqual({ value: 2_000_000n });
    expect(tryParse('x', 6).error).toBe('"x" is not a number.');
  });
});

import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney } from '../src/lib/money';

describe('formatMoney', () => {
  it('formats fen as yuan with two digits and thousands separators', () => {
    expect(formatMoney(123456, 'CNY')).toBe('¥1,234.56');
    expect(formatMoney(0, 'CNY')).toBe('¥0.00');
    expect(formatMoney(5, 'CNY')).toBe('¥0.05');
    expect(formatMoney(100000000, 'CNY')).toBe('¥1,000,000.00');
  });
  it('keeps every fen of amounts where floating point would not', () => {
    // 0.1 + 0.2 style errors: 1,000,000,000,000.07 is not representable exactly as a double of yuan.
    expect(formatMoney(100000000000007, 'CNY')).toBe('¥1,000,000,000,000.07');
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'CNY')).toBe('¥90,071,992,547,409.91');
    expect(formatMoney(2n ** 63n - 1n, 'CNY')).toBe('¥92,233,720,368,547,758.07');
  });
  it('puts the sign before the symbol', () => {
    expect(formatMoney(-1999, 'CNY')).toBe('-¥19.99');
  });
  it('uses the currency minor digits', () => {
    expect(formatMoney(1234, 'JPY')).toBe('JP¥1,234');
    expect(formatMoney(1234, 'XYZ')).toBe('12.34 XYZ');
  });
  it('refuses fractions of a minor unit', () => {
    expect(() => formatMoney(12.5, 'CNY')).toThrow(RangeError);
    expect(() => formatMoney(Number.NaN, 'CNY')).toThrow(RangeError);
  });
});

describe('parseMoney', () => {
  it('reads typed amounts into minor units without floating point', () => {
    expect(parseMoney('1,234.56', 'CNY')).toBe(123456);
    expect(parseMoney('0.1', 'CNY')).toBe(10);
    expect(parseMoney('12', 'CNY')).toBe(1200);
    expect(parseMoney('1,234', 'JPY')).toBe(1234);
  });
  it('refuses what is not an amount', () => {
    expect(parseMoney('1.234', 'CNY')).toBeNull();
    expect(parseMoney('-1', 'CNY')).toBeNull();
    expect(parseMoney('1e3', 'CNY')).toBeNull();
    expect(parseMoney('', 'CNY')).toBeNull();
    expect(parseMoney('1.5', 'JPY')).toBeNull();
  });
});

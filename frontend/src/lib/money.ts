// Money is integer minor units (fen for CNY) end to end, as the API sends it. Formatting splits the integer with
// BigInt arithmetic, never dividing into a float, so 0.1 + 0.2 problems cannot appear in a price.

/** Minor-unit digits of the currencies the exchange settles in (ISO 4217). */
const MINOR_DIGITS: Record<string, number> = { CNY: 2, HKD: 2, USD: 2, EUR: 2, JPY: 0 };
const SYMBOLS: Record<string, string> = { CNY: '¥', USD: 'US$', EUR: '€', HKD: 'HK$', JPY: 'JP¥' };

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Formats an amount in minor units: formatMoney(123456, 'CNY') is "¥1,234.56"; formatMoney(-5, 'CNY') is "-¥0.05".
 * Refuses what is not an integer: a fraction of a fen is a bug upstream, not something to round away.
 */
export function formatMoney(minor: number | bigint, currency: string): string {
  if (typeof minor === 'number' && !Number.isSafeInteger(minor)) {
    throw new RangeError(`money must be an integer number of minor units, got ${minor}`);
  }
  const digits = MINOR_DIGITS[currency] ?? 2;
  const value = BigInt(minor);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const scale = 10n ** BigInt(digits);
  const whole = groupThousands((abs / scale).toString());
  const fraction = digits > 0 ? '.' + (abs % scale).toString().padStart(digits, '0') : '';
  const symbol = SYMBOLS[currency];
  const body = symbol ? `${symbol}${whole}${fraction}` : `${whole}${fraction} ${currency}`;
  return negative ? `-${body}` : body;
}

/**
 * Reads an amount typed by a person ("1,234.5") into minor units, without floating point; null when it is not
 * a valid amount with at most the currency's minor digits.
 */
export function parseMoney(text: string, currency: string): number | null {
  const digits = MINOR_DIGITS[currency] ?? 2;
  const m = /^\s*(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d*))?\s*$/.exec(text);
  if (!m || (m[2] !== undefined && m[2].length > digits)) return null;
  const whole = BigInt(m[1].replace(/,/g, ''));
  const fraction = BigInt((m[2] ?? '').padEnd(digits, '0') || '0');
  const minor = whole * 10n ** BigInt(digits) + fraction;
  return minor > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(minor);
}

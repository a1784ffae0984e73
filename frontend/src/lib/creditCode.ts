// The unified social credit code (统一社会信用代码, GB 32100-2015), checked as the API checks it
// (marketplace organisation/CreditCode.java): 18 characters of a 31-character set, digits 3 to 8, and a check
// character over the first 17 with weights 3^i mod 31. The form says what is wrong before the API has to.

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem =
  | { kind: 'length' }
  | { kind: 'character'; position: number; character: string }
  | { kind: 'division' }
  | { kind: 'check'; expected: string };

export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return { kind: 'length' };
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(code[i]);
    if (value < 0) return { kind: 'character', position: i + 1, character: code[i] };
    sum += value * WEIGHTS[i];
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) return { kind: 'division' };
  const expected = CHARSET[(31 - (sum % 31)) % 31];
  return code[17] === expected ? null : { kind: 'check', expected };
}

import { describe, expect, it } from 'vitest';
import { creditCodeProblem } from '../src/lib/creditCode';

describe('creditCodeProblem (as marketplace CreditCode.java)', () => {
  it('accepts a valid code', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
  });
  it('names what is wrong', () => {
    expect(creditCodeProblem('91350100M000100Y4')).toEqual({ kind: 'length' });
    expect(creditCodeProblem('91350100M0001O0Y43')).toEqual({ kind: 'character', position: 14, character: 'O' });
    expect(creditCodeProblem('91A50100M000100Y43')?.kind).toBe('division');
    expect(creditCodeProblem('91350100M000100Y44')).toEqual({ kind: 'check', expected: '3' });
  });
});

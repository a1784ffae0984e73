import { describe, expect, it } from 'vitest';
import { attemptKey, finishAttempt } from '../src/lib/orderAttempt';

describe('order attempts', () => {
  it('keeps one Idempotency-Key per product and body until the attempt ends', () => {
    const body = { planId: 'p1', scenario: { purpose: 'a', location: 'CN-SH' } };
    const first = attemptKey('prod', body, sessionStorage);
    expect(attemptKey('prod', { ...body }, sessionStorage)).toBe(first);
    const other = attemptKey('prod', { ...body, planId: 'p2' }, sessionStorage);
    expect(other).not.toBe(first);
    finishAttempt('prod', sessionStorage);
    expect(attemptKey('prod', { ...body, planId: 'p2' }, sessionStorage)).not.toBe(other);
  });
});

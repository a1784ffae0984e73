// The regulator console: names in the reader's language, day ranges as the API's [from, to), and a word for every
// value of the API that the console translates.
import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { localName, rangeQuery } from '../src/pages/regulator/format';
import { regulatorEn, regulatorZh } from '../src/i18n/regulator';

describe('regulator console', () => {
  it('shows a bilingual registered name in the reader\'s language and any other name as it is', () => {
    const name = '海天气象数据科技有限公司 Haitian Meteorological Data Ltd.';
    expect(localName(name, 'zh')).toBe('海天气象数据科技有限公司');
    expect(localName(name, 'en')).toBe('Haitian Meteorological Data Ltd.');
    expect(localName('Acme Data Ltd.', 'zh')).toBe('Acme Data Ltd.');
    expect(localName('东港物流', 'en')).toBe('东港物流');
  });

  it('asks for whole UTC days, the last one included', () => {
    expect(rangeQuery([dayjs('2026-11-01'), dayjs('2026-11-30')])).toEqual({
      from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z',
    });
    expect(rangeQuery(null)).toEqual({});
  });

  it('names every difference kind, split role, complaint state and unbooked state the API sends', () => {
    const kinds = ['MISSING_ON_LEDGER', 'MISSING_IN_BOOKS', 'AMOUNT_MISMATCH', 'SPLIT_MISMATCH', 'DUPLICATE',
      'REFUND_MISSING_ON_LEDGER', 'REFUND_MISSING_IN_BOOKS', 'REFUND_MISMATCH', 'LISTING_MISMATCH'];
    for (const dict of [regulatorZh, regulatorEn]) {
      expect(Object.keys(dict.recon.kinds).sort()).toEqual([...kinds].sort());
      expect(Object.keys(dict.splitRole).sort()).toEqual(['CONTRIBUTOR', 'MERCHANT', 'PLATFORM', 'ROYALTY']);
      expect(Object.keys(dict.flags.complaintStatus).sort()).toEqual(['DISMISSED', 'FULL_REFUND', 'OPEN', 'PARTIAL_REFUND']);
      expect(Object.keys(dict.flags.unbookedState).sort()).toEqual(['HEALING', 'RESOLVED', 'UNHEALABLE']);
    }
  });
});

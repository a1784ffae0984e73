import { describe, expect, it } from 'vitest';
import { licenceSentences, termInWords } from '../src/lib/licence';

const internal = {
  right: 'PROCESSING_USE', purposes: ['港口调度', 'route planning'], termDays: 365, territory: 'DOMESTIC', seats: 5,
  permittedActions: ['USE', 'AGGREGATE'], duties: ['DELETE_AT_TERM_END'],
};

describe('licenceSentences', () => {
  it('states each volume cap (用途用量) in both languages, and none when nothing is capped', () => {
    const capped = { ...internal, volumeCaps: { records: 1_000_000, calls: null, queries: null, downloads: 3 } };
    expect(licenceSentences(capped, 'zh')).toContain('用量上限（整个许可期内）：1,000,000 条记录、3 次下载；达到上限后不再交付。');
    expect(licenceSentences(capped, 'en'))
      .toContain('Volume caps over the whole licence: 1,000,000 records and 3 downloads; nothing more is delivered once one is reached.');
    expect(licenceSentences({ ...internal, volumeCaps: null }, 'en').join(' ')).not.toContain('Volume caps');
    expect(licenceSentences({ ...internal, volumeCaps: {} }, 'zh').join(' ')).not.toContain('用量上限');
  });
  it('states right, purposes, territory, term, seats, duties and the closing rule in Chinese', () => {
    const s = licenceSentences(internal, 'zh');
    expect(s[0]).toBe('授予数据加工使用权：可使用、汇总本数据。');
    expect(s).toContain('仅限以下用途：港口调度、route planning。');
    expect(s).toContain('使用地域：仅限中国境内（不含港澳台），不得出境。');
    expect(s).toContain('期限：自付款起 1 年。');
    expect(s).toContain('最多 5 个使用席位。');
    expect(s).toContain('义务：期满删除数据。');
    expect(s).toContain('不得向第三方分发或转售。');
    expect(s[s.length - 1]).toBe('未明确许可的行为一律禁止。');
  });
  it('says the same in English', () => {
    const s = licenceSentences(internal, 'en');
    expect(s[0]).toBe('Grants the processing and use right: you may use and aggregate the data.');
    expect(s).toContain('Territory: mainland China only; the data may not leave it.');
    expect(s).toContain('Term: 1 year from payment.');
    expect(s).toContain('You must delete the data when the term ends.');
    expect(s[s.length - 1]).toBe('Whatever is not permitted is prohibited.');
  });
  it('always states term and territory, and drops the onward-transfer ban when resale is granted', () => {
    const resale = { ...internal, right: 'PRODUCT_OPERATION', termDays: 90, territory: 'CROSS_BORDER', seats: 1,
      permittedActions: ['USE', 'DISTRIBUTE', 'SELL'], duties: ['ATTRIBUTION'] };
    const s = licenceSentences(resale, 'en');
    expect(s).toContain('Term: 3 months from payment.');
    expect(s.some((x) => x.startsWith('Territory: use abroad is permitted'))).toBe(true);
    expect(s).toContain('At most 1 seat.');
    expect(s.some((x) => x.includes('may not pass the data on'))).toBe(false);
    expect(s[0]).toBe('Grants the product operation right (resale): you may use, distribute and sell the data.');
  });
});

describe('termInWords', () => {
  it('says years, months or days', () => {
    expect(termInWords(730, 'en')).toBe('2 years');
    expect(termInWords(30, 'en')).toBe('1 month');
    expect(termInWords(45, 'zh')).toBe('45 天');
    expect(termInWords(1, 'en')).toBe('1 day');
  });
});

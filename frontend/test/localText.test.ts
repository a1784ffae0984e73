import { describe, expect, it } from 'vitest';
import { inLanguage } from '../src/lib/localText';

describe('a product text in the UI language', () => {
  it('is the language asked for when the merchant wrote it', () => {
    expect(inLanguage('zh', '海温日报', 'Daily SST')).toBe('海温日报');
    expect(inLanguage('en', '海温日报', 'Daily SST')).toBe('Daily SST');
  });

  it('falls back to the other language when that one is empty', () => {
    expect(inLanguage('en', '海温日报', '')).toBe('海温日报');
    expect(inLanguage('en', '海温日报', '   ')).toBe('海温日报');
    expect(inLanguage('en', '海温日报', undefined)).toBe('海温日报');
    expect(inLanguage('zh', '', 'Daily SST')).toBe('Daily SST');
  });
});

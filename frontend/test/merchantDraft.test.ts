// The merchant editor's arithmetic: shares in basis points and money in fen, read from text without floats.
import { describe, expect, it } from 'vitest';
import { bpToPercent, NEW_PRODUCT, percentToBp, shares, toDraft, type EditorValues } from '../src/pages/merchant/draft';

describe('merchant product draft', () => {
  it('reads percentages into basis points exactly', () => {
    expect(percentToBp('12.5')).toBe(1250);
    expect(percentToBp('0.07')).toBe(7);
    expect(percentToBp('100')).toBe(10000);
    expect(percentToBp('100.01')).toBeNull();
    expect(percentToBp('1.234')).toBeNull();
    expect(percentToBp('-1')).toBeNull();
    expect(bpToPercent(1250)).toBe('12.5');
    expect(bpToPercent(7)).toBe('0.07');
    expect(bpToPercent(500)).toBe('5');
  });

  it('gives the merchant what contributors and the platform leave, and refuses more than 100%', () => {
    expect(shares({ contributors: [{ name: 'a', partyId: 'a', share: '10' }], platformFee: '5' }))
      .toMatchObject({ valid: true, merchantBp: 8500, total: 10000 });
    expect(shares({ contributors: [{ name: 'a', partyId: 'a', share: '96' }], platformFee: '5' }).valid).toBe(false);
    expect(shares({ contributors: [{ name: 'a', partyId: 'a', share: '0' }], platformFee: '5' }).valid).toBe(false);
  });

  it('turns the form into the API draft with integer money', () => {
    const v = {
      ...NEW_PRODUCT, title: '测试 Test', description: 'd', industry: 'OCEAN', sourceType: 'ENTERPRISE', classificationLevel: 'GENERAL',
      category: 'c', sources: ['s'], collectedFrom: '2024-01-01', updateFrequency: 'daily', purposes: ['研究'],
      contributors: [{ name: '浮标运维方', partyId: 'buoy', share: '10' }], platformFee: '5',
      plans: [{ id: 'one-off', kind: 'ONE_OFF', price: '1,234.56' }, { id: 'calls', kind: 'METERED', freeUnits: 100, unitPrice: '0.05', monthlyCap: '' }],
      sampleRows: '[{"sst": 21.4}]',
    } as EditorValues;
    const d = toDraft(v);
    expect(d.merchantShareBp).toBe(8500);
    expect(d.platformFeeBp).toBe(500);
    expect(d.contributors).toEqual([{ name: '浮标运维方', partyId: 'buoy', shareBp: 1000 }]);
    expect(d.pricingPlans[0]).toMatchObject({ kind: 'ONE_OFF', priceMinor: 123456, currency: 'CNY' });
    expect(d.pricingPlans[1]).toMatchObject({ kind: 'METERED', priceMinor: 0, freeUnits: 100, unitPriceMinor: 5, monthlyCapMinor: 0 });
    expect(d.filing).toBeNull();
    expect(d.provenance.collectedTo).toBeNull();
  });
});

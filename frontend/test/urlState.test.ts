import { describe, expect, it } from 'vitest';
import { apiSearchParams, changeQuery, readCatalogueQuery, writeCatalogueQuery } from '../src/lib/urlState';

describe('catalogue URL state', () => {
  it('reads search, filters, sort and page from the URL', () => {
    const q = readCatalogueQuery(new URLSearchParams('q=气象&industry=METEOROLOGY&classification=IMPORTANT&deliveryMode=METERED_API&sourceType=PUBLIC&planKind=METERED&sort=PRICE_ASC&page=3'));
    expect(q).toEqual({ q: '气象', industry: 'METEOROLOGY', classification: 'IMPORTANT', deliveryMode: 'METERED_API',
      sourceType: 'PUBLIC', planKind: 'METERED', sort: 'PRICE_ASC', page: 3 });
  });
  it('drops unknown values and bad pages instead of sending them on', () => {
    const q = readCatalogueQuery(new URLSearchParams('industry=SPACE&sort=random&page=-2&classification=core&planKind=BARTER'));
    expect(q).toEqual({ q: '', industry: undefined, sourceType: undefined, classification: undefined, deliveryMode: undefined,
      planKind: undefined, sort: 'RELEVANCE', page: 1 });
    // a private offer is for one buyer: it is no catalogue filter
    expect(readCatalogueQuery(new URLSearchParams('planKind=PRIVATE_OFFER')).planKind).toBeUndefined();
    expect(readCatalogueQuery(new URLSearchParams('page=abc')).page).toBe(1);
  });
  it('writes only what differs from the defaults, and round-trips', () => {
    expect(writeCatalogueQuery(readCatalogueQuery(new URLSearchParams(''))).toString()).toBe('');
    const url = 'q=port+logistics&industry=TRANSPORT&planKind=SUBSCRIPTION&sort=NEWEST&page=2';
    expect(writeCatalogueQuery(readCatalogueQuery(new URLSearchParams(url))).toString()).toBe(url);
  });
  it('starts again at page 1 when the search changes, not when the page does', () => {
    const q = readCatalogueQuery(new URLSearchParams('q=a&page=4'));
    expect(changeQuery(q, { industry: 'OCEAN' }).page).toBe(1);
    expect(changeQuery(q, { page: 5 }).page).toBe(5);
    expect(changeQuery(q, { planKind: 'ONE_OFF' })).toMatchObject({ planKind: 'ONE_OFF', page: 1 });
  });
  it('gives the API a 0-based page', () => {
    expect(apiSearchParams(readCatalogueQuery(new URLSearchParams('q=x&page=2')))).toEqual({ q: 'x', page: 1, size: 12, sort: 'RELEVANCE' });
  });
  it('sends the pricing kind to the API under the name the API takes', () => {
    expect(apiSearchParams(readCatalogueQuery(new URLSearchParams('planKind=METERED&industry=OCEAN'))))
      .toEqual({ page: 0, size: 12, sort: 'RELEVANCE', industry: 'OCEAN', planKind: 'METERED' });
  });
});

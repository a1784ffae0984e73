// The catalogue's search and filters live in the URL, so a search can be bookmarked, shared and reloaded, and the
// browser's back button steps through searches. Only known values are read; anything else is dropped.

export const INDUSTRIES = ['FINANCE', 'TRANSPORT', 'HEALTHCARE', 'METEOROLOGY', 'ENERGY', 'GOVERNMENT', 'RETAIL',
  'OCEAN', 'MANUFACTURING', 'AGRICULTURE'] as const;
export const SOURCE_TYPES = ['PUBLIC', 'ENTERPRISE', 'PERSONAL'] as const;
export const CLASSIFICATIONS = ['GENERAL', 'IMPORTANT', 'CORE'] as const;
export const DELIVERY_MODES = ['FILE_DOWNLOAD', 'METERED_API', 'QUERY_SANDBOX'] as const;
// Public plans only: a private offer is for one buyer, so the catalogue cannot be filtered by it.
export const PLAN_KINDS = ['ONE_OFF', 'SUBSCRIPTION', 'METERED'] as const;
export const SORTS = ['RELEVANCE', 'PRICE_ASC', 'PRICE_DESC', 'NEWEST'] as const;

export interface CatalogueQuery {
  q: string;
  industry?: (typeof INDUSTRIES)[number];
  sourceType?: (typeof SOURCE_TYPES)[number];
  classification?: (typeof CLASSIFICATIONS)[number];
  deliveryMode?: (typeof DELIVERY_MODES)[number];
  planKind?: (typeof PLAN_KINDS)[number];
  sort: (typeof SORTS)[number];
  /** 1-based, as people count pages; the API's page is 0-based. */
  page: number;
}

export const PAGE_SIZE = 12;

function oneOf<T extends string>(allowed: readonly T[], value: string | null): T | undefined {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

export function readCatalogueQuery(params: URLSearchParams): CatalogueQuery {
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    q: (params.get('q') ?? '').slice(0, 200),
    industry: oneOf(INDUSTRIES, params.get('industry')),
    sourceType: oneOf(SOURCE_TYPES, params.get('sourceType')),
    classification: oneOf(CLASSIFICATIONS, params.get('classification')),
    deliveryMode: oneOf(DELIVERY_MODES, params.get('deliveryMode')),
    planKind: oneOf(PLAN_KINDS, params.get('planKind')),
    sort: oneOf(SORTS, params.get('sort')) ?? 'RELEVANCE',
    page: Number.isSafeInteger(page) && page >= 1 && page <= 10000 ? page : 1,
  };
}

/** The URL form of a query: defaults are left out, so the plain catalogue is just "/". */
export function writeCatalogueQuery(query: CatalogueQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q.trim()) params.set('q', query.q.trim());
  for (const key of ['industry', 'sourceType', 'classification', 'deliveryMode', 'planKind'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  if (query.sort !== 'RELEVANCE') params.set('sort', query.sort);
  if (query.page > 1) params.set('page', String(query.page));
  return params;
}

/** A change of search or filter starts again at page 1; changing the page keeps the rest. */
export function changeQuery(query: CatalogueQuery, change: Partial<CatalogueQuery>): CatalogueQuery {
  const pageOnly = Object.keys(change).every((k) => k === 'page');
  return { ...query, ...change, page: pageOnly ? (change.page ?? query.page) : 1 };
}

/** The API's parameters for a query (0-based page). */
export function apiSearchParams(query: CatalogueQuery): Record<string, string | number> {
  const out: Record<string, string | number> = { page: query.page - 1, size: PAGE_SIZE, sort: query.sort };
  if (query.q.trim()) out.q = query.q.trim();
  for (const key of ['industry', 'sourceType', 'classification', 'deliveryMode', 'planKind'] as const) {
    const value = query[key];
    if (value) out[key] = value;
  }
  return out;
}

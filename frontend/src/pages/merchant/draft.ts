// The product editor's form values and their conversion to and from the API's ProductDraft. Shares are typed as
// percentages with up to two decimals and money in yuan, both read into integers (basis points, fen) with string
// arithmetic, never through a float.
import type { Schemas } from '../../api/client';
import { formatMoney, parseMoney } from '../../lib/money';

export type Draft = Schemas['ProductDraft'];
export type Sheet = Schemas['ProductSheet'];

export interface PlanValues {
  id: string;
  kind: 'ONE_OFF' | 'SUBSCRIPTION' | 'METERED' | 'PRIVATE_OFFER';
  price?: string;
  period?: 'MONTH' | 'QUARTER' | 'YEAR';
  freeUnits?: number;
  unitPrice?: string;
  monthlyCap?: string;
  buyerCreditCode?: string;
}

export interface EditorValues {
  title: string;
  description: string;
  titleEn?: string;
  descriptionEn?: string;
  tags: string[];
  industry: Draft['industry'];
  sourceType: Draft['sourceType'];
  classificationLevel: Draft['classificationLevel'];
  category: string;
  deliveryModes: Draft['deliveryModes'];
  crossBorderAllowed: boolean;
  sources: string[];
  collectedFrom: string;
  collectedTo?: string;
  volumeRecords: number;
  updateFrequency: string;
  completenessPercent: number;
  accuracyPercent: number;
  qualityMethod: string;
  contributors: { name: string; partyId: string; share: string }[];
  platformFee: string;
  schema: { name: string; type: string; description?: string }[];
  sampleRows: string;
  template: Draft['licence']['template'];
  purposes: string[];
  termDays?: number;
  territory?: 'DOMESTIC' | 'CROSS_BORDER';
  seats?: number;
  /** Volume caps (用途用量): empty = not capped. */
  capRecords?: number;
  capCalls?: number;
  capQueries?: number;
  capDownloads?: number;
  /** The royalty on derived products' sales, a percentage, for a template with the compensate duty. */
  royalty?: string;
  /** The certificates of the licences this product is derived under. */
  parentCertificates?: string[];
  plans: PlanValues[];
  filing?: {
    reference: string; source: string; purpose: string; scope: string; responsibleParty: string; sharing: string;
    crossBorder: boolean; protections: string; scaleRecords: number;
  };
  personalKind?: 'CONSENT' | 'ANONYMISATION_ATTESTATION';
  personalReference?: string;
}

/** "12.5" → 1250 basis points; null when it is not a percentage with at most two decimals between 0 and 100. */
export function percentToBp(text: string | undefined): number | null {
  const m = /^\s*(\d{1,3})(?:\.(\d{1,2}))?\s*$/.exec(text ?? '');
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10000 ? bp : null;
}

/** 1250 → "12.5". */
export function bpToPercent(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = bp % 100;
  return frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}

/** The merchant keeps what contributors and the platform do not take: 10000 bp in all. */
export function shares(values: Pick<EditorValues, 'contributors' | 'platformFee'>) {
  const contributorBp = (values.contributors ?? []).map((c) => percentToBp(c?.share));
  const feeBp = percentToBp(values.platformFee);
  const valid = feeBp !== null && contributorBp.every((b) => b !== null && b > 0);
  const contributorsTotal = contributorBp.reduce<number>((s, b) => s + (b ?? 0), 0);
  const merchantBp = 10000 - contributorsTotal - (feeBp ?? 0);
  return { valid: valid && merchantBp >= 0, merchantBp, contributorsTotal, feeBp: feeBp ?? 0, total: contributorsTotal + (feeBp ?? 0) + Math.max(merchantBp, 0) };
}

function money(text: string | undefined): number {
  return text === undefined || text.trim() === '' ? 0 : (parseMoney(text, 'CNY') ?? NaN);
}

function yuan(minor: number): string {
  return formatMoney(minor, 'CNY').replace(/^¥/, '');
}

export function toDraft(v: EditorValues): Draft {
  const s = shares(v);
  const needsFiling = v.classificationLevel === 'IMPORTANT' || v.classificationLevel === 'CORE';
  return {
    title: v.title.trim(),
    description: v.description.trim(),
    titleEn: v.titleEn?.trim() ?? '',
    descriptionEn: v.descriptionEn?.trim() ?? '',
    tags: v.tags ?? [],
    industry: v.industry,
    sourceType: v.sourceType,
    classificationLevel: v.classificationLevel,
    category: v.category.trim(),
    deliveryModes: v.deliveryModes,
    crossBorderAllowed: !!v.crossBorderAllowed,
    provenance: {
      sources: v.sources ?? [],
      collectedFrom: v.collectedFrom,
      collectedTo: v.collectedTo?.trim() ? v.collectedTo.trim() : null,
      volumeRecords: v.volumeRecords ?? 0,
      updateFrequency: v.updateFrequency,
    },
    contributors: (v.contributors ?? []).map((c) => ({ name: c.name, partyId: c.partyId, shareBp: percentToBp(c.share) ?? 0 })),
    merchantShareBp: s.merchantBp,
    platformFeeBp: s.feeBp,
    schema: (v.schema ?? []).map((f) => ({ name: f.name, type: f.type, description: f.description ?? '' })),
    sampleRows: JSON.parse(v.sampleRows || '[]'),
    quality: { completenessPercent: v.completenessPercent ?? 0, accuracyPercent: v.accuracyPercent ?? 0, method: v.qualityMethod ?? '' },
    filing: needsFiling && v.filing ? { ...v.filing, crossBorder: !!v.filing.crossBorder, scaleRecords: v.filing.scaleRecords ?? 0 } : null,
    personalData: v.sourceType === 'PERSONAL' && v.personalKind ? { kind: v.personalKind, reference: v.personalReference ?? '' } : null,
    licence: {
      template: v.template,
      purposes: v.purposes ?? [],
      termDays: v.termDays ?? null,
      territory: v.territory ?? null,
      seats: v.seats ?? null,
      volumeCaps: v.capRecords || v.capCalls || v.capQueries || v.capDownloads
        ? { records: v.capRecords ?? null, calls: v.capCalls ?? null, queries: v.capQueries ?? null, downloads: v.capDownloads ?? null }
        : null,
      royaltyBp: (TEMPLATES[v.template] as { royaltyBp?: number }).royaltyBp !== undefined && v.royalty?.trim()
        ? percentToBp(v.royalty) : null,
    },
    parentCertificates: v.parentCertificates?.length ? v.parentCertificates : null,
    pricingPlans: (v.plans ?? []).map((p) => ({
      id: p.id,
      kind: p.kind,
      currency: 'CNY',
      priceMinor: p.kind === 'METERED' ? 0 : money(p.price),
      period: p.kind === 'SUBSCRIPTION' ? (p.period ?? 'MONTH') : null,
      freeUnits: p.kind === 'METERED' ? (p.freeUnits ?? 0) : 0,
      unitPriceMinor: p.kind === 'METERED' ? money(p.unitPrice) : 0,
      monthlyCapMinor: p.kind === 'METERED' ? money(p.monthlyCap) : 0,
      buyerCreditCode: p.kind === 'PRIVATE_OFFER' ? (p.buyerCreditCode ?? '').trim() : null,
    })),
  } as Draft;
}

export function fromSheet(s: Sheet): EditorValues {
  return {
    title: s.title,
    description: s.description,
    titleEn: s.titleEn,
    descriptionEn: s.descriptionEn,
    tags: s.tags,
    industry: s.industry,
    sourceType: s.sourceType,
    classificationLevel: s.classification.level,
    category: s.classification.category,
    deliveryModes: s.deliveryModes,
    crossBorderAllowed: s.compliance.crossBorderAllowed,
    sources: s.provenance.sources,
    collectedFrom: s.provenance.collectedFrom,
    collectedTo: s.provenance.collectedTo ?? undefined,
    volumeRecords: s.provenance.volumeRecords,
    updateFrequency: s.provenance.updateFrequency,
    completenessPercent: s.quality.completenessPercent,
    accuracyPercent: s.quality.accuracyPercent,
    qualityMethod: s.quality.method ?? '',
    contributors: s.revenueShares.contributors.map((c) => ({ name: c.name, partyId: c.partyId, share: bpToPercent(c.shareBp) })),
    platformFee: bpToPercent(s.revenueShares.platformFeeBp),
    schema: s.schema.map((f) => ({ name: f.name, type: f.type, description: f.description ?? '' })),
    sampleRows: JSON.stringify(s.sampleRows, null, 2),
    template: s.licence.template,
    purposes: s.licence.terms.purposes,
    termDays: s.licence.terms.termDays,
    territory: s.licence.terms.territory as 'DOMESTIC' | 'CROSS_BORDER',
    seats: s.licence.terms.seats,
    capRecords: s.licence.terms.volumeCaps?.records ?? undefined,
    capCalls: s.licence.terms.volumeCaps?.calls ?? undefined,
    capQueries: s.licence.terms.volumeCaps?.queries ?? undefined,
    capDownloads: s.licence.terms.volumeCaps?.downloads ?? undefined,
    royalty: s.licence.terms.royaltyBp ? bpToPercent(s.licence.terms.royaltyBp) : undefined,
    parentCertificates: (s.derivedFrom ?? []).map((p) => p.certificateId),
    plans: s.pricingPlans.map((p) => ({
      id: p.id, kind: p.kind, price: yuan(p.priceMinor), period: p.period ?? undefined, freeUnits: p.freeUnits,
      unitPrice: yuan(p.unitPriceMinor), monthlyCap: yuan(p.monthlyCapMinor), buyerCreditCode: p.buyerCreditCode ?? undefined,
    })),
    filing: s.compliance.filingReference ? {
      reference: s.compliance.filingReference, source: '', purpose: '', scope: '', responsibleParty: '', sharing: '',
      crossBorder: s.compliance.crossBorderAllowed, protections: '', scaleRecords: s.provenance.volumeRecords,
    } : undefined,
    personalKind: s.compliance.personalData?.kind,
    personalReference: s.compliance.personalData?.reference,
  };
}

/** Template defaults as the exchange's LicenceTemplate has them, for the live preview before the server sees the offer. */
export const TEMPLATES = {
  INTERNAL_ANALYSIS: { right: 'PROCESSING_USE', permittedActions: ['USE', 'AGGREGATE'], duties: ['DELETE_AT_TERM_END'], seats: 1, termDays: 365 },
  DERIVED_PRODUCTS: { right: 'PROCESSING_USE', permittedActions: ['USE', 'DERIVE', 'AGGREGATE'], duties: ['ATTRIBUTION'], seats: 5, termDays: 365 },
  RESALE: { right: 'PRODUCT_OPERATION', permittedActions: ['USE', 'DERIVE', 'AGGREGATE', 'DISTRIBUTE', 'SELL'], duties: ['ATTRIBUTION', 'COMPENSATE'], seats: 1, termDays: 730, royaltyBp: 1000 },
} as const;

export const NEW_PRODUCT: Partial<EditorValues> = {
  tags: [],
  deliveryModes: ['FILE_DOWNLOAD'],
  crossBorderAllowed: false,
  sources: [],
  volumeRecords: 0,
  completenessPercent: 95,
  accuracyPercent: 95,
  qualityMethod: '',
  contributors: [],
  parentCertificates: [],
  platformFee: '5',
  schema: [{ name: '', type: 'string', description: '' }],
  sampleRows: '[]',
  template: 'INTERNAL_ANALYSIS',
  purposes: [],
  territory: 'DOMESTIC',
  plans: [{ id: 'one-off', kind: 'ONE_OFF', price: '' }],
};

// No screen may show a raw key: every key the code asks for exists in Chinese and in English.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { zh as storeZh } from '../src/i18n/zh';
import { en as storeEn } from '../src/i18n/en';
import { merchantEn, merchantZh } from '../src/i18n/merchant';
import { operatorEn, operatorZh } from '../src/i18n/operator';
import { regulatorEn, regulatorZh } from '../src/i18n/regulator';
import { auditEn, auditZh } from '../src/i18n/audit';
import { marketEn, marketZh } from '../src/i18n/market';
import { sandboxEn, sandboxZh } from '../src/i18n/sandbox';
import { assetsEn, assetsZh, volumeEn, volumeZh } from '../src/i18n/limits';
import { offVenueEn, offVenueZh } from '../src/i18n/offvenue';
import { supervisionEn, supervisionZh } from '../src/i18n/supervision';
import { heldEn, heldZh } from '../src/i18n/held';
import { CLASSIFICATIONS, DELIVERY_MODES, INDUSTRIES, SORTS, SOURCE_TYPES } from '../src/lib/urlState';
import { REGIONS } from '../src/lib/regions';

// The dictionaries as the running app ends up with them: the store's (index.ts, with the market's and the
// sandbox's), with each console's (and the off-venue screens') under its own key, mounted by its chunk (mountDictionary).
const zh = { ...storeZh, merchant: merchantZh, operator: operatorZh, regulator: regulatorZh, audit: auditZh, market: marketZh,
  sandbox: sandboxZh, volume: volumeZh, assets: assetsZh, offVenue: offVenueZh, supervision: supervisionZh, held: heldZh };
const en = { ...storeEn, merchant: merchantEn, operator: operatorEn, regulator: regulatorEn, audit: auditEn, market: marketEn,
  sandbox: sandboxEn, volume: volumeEn, assets: assetsEn, offVenue: offVenueEn, supervision: supervisionEn, held: heldEn };

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' || Array.isArray(v) ? [prefix + k] : keys(v as object, `${prefix}${k}.`));
}

function has(tree: object, key: string): boolean {
  let node: unknown = tree;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' || Array.isArray(node);
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path.join(dir, e.name)] : []);
}

describe('dictionaries', () => {
  it('hold the same keys in Chinese and English', () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort());
  });

  it('hold every literal key the screens ask for', () => {
    const used = new Set<string>();
    for (const file of sources(path.resolve(__dirname, '../src'))) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z][\w.]*)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter((k) => !has(zh, k) || !has(en, k));
    expect(missing).toEqual([]);
  });

  it('name every value the API sends that the screens translate', () => {
    const expected = [
      ...INDUSTRIES.map((v) => `industry.${v}`), ...SOURCE_TYPES.map((v) => `sourceType.${v}`),
      ...CLASSIFICATIONS.map((v) => `classification.${v}`), ...DELIVERY_MODES.map((v) => `delivery.${v}`),
      ...SORTS.map((v) => `catalogue.sortBy.${v}`), ...REGIONS.map((v) => `region.${v}`),
      ...['CREATED', 'AWAITING_APPROVAL', 'PAID', 'SETTLING', 'SETTLED', 'DELIVERED', 'CANCELLED', 'REFUNDED'].map((v) => `orderStatus.${v}`),
      ...['ONE_OFF', 'SUBSCRIPTION', 'METERED', 'PRIVATE_OFFER'].map((v) => `planKind.${v}`),
      ...['INTERNAL_ANALYSIS', 'DERIVED_PRODUCTS', 'RESALE'].map((v) => `template.${v}`),
      ...['length', 'character', 'division', 'check'].map((v) => `signUp.creditCodeProblem.${v}`),
      ...['COUNT', 'SUM', 'AVG', 'MIN', 'MAX', 'PERCENTILE'].map((v) => `sandbox.agg.${v}`),
      ...['EQ', 'NE', 'LT', 'LE', 'GT', 'GE', 'IN'].map((v) => `sandbox.op.${v}`),
    ];
    expect(expected.filter((k) => !has(zh, k) || !has(en, k))).toEqual([]);
  });

  it('name every problem type of the API (docs/problems.md), so a refusal reads in the UI language', () => {
    const page = fs.readFileSync(path.resolve(__dirname, '../../docs/problems.md'), 'utf8');
    const types = [...new Set([...page.matchAll(/`urn:dataexchange:problem:([a-z-]+)`/g)].map((m) => m[1]))];
    expect(types.length).toBeGreaterThan(15);
    expect(types.map((k) => `problem.type.${k}`).filter((k) => !has(zh, k) || !has(en, k))).toEqual([]);
  });
});

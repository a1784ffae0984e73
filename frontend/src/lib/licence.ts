// A licence offer in plain sentences, from its terms: who may do what, for which purposes, where, for how long,
// with which duties, and always that what is not permitted is prohibited. Term and territory are always stated.

export type Lang = 'zh' | 'en';

export interface LicenceTermsLike {
  right: 'PROCESSING_USE' | 'PRODUCT_OPERATION' | string;
  purposes: string[];
  termDays: number;
  territory: 'DOMESTIC' | 'CROSS_BORDER' | string;
  seats: number;
  permittedActions: string[];
  duties: string[];
  /** With the COMPENSATE duty: the royalty on each sale of a derived product, in basis points. */
  royaltyBp?: number | null;
  /** Volume caps (用途用量); a missing or empty one is not capped. */
  volumeCaps?: { records?: number | null; calls?: number | null; queries?: number | null; downloads?: number | null } | null;
}

const MEASURES = ['records', 'calls', 'queries', 'downloads'] as const;
const UNIT: Record<Lang, Record<(typeof MEASURES)[number], string>> = {
  zh: { records: '条记录', calls: '次调用', queries: '次查询', downloads: '次下载' },
  en: { records: 'records', calls: 'API calls', queries: 'sandbox queries', downloads: 'downloads' },
};

/** The caps set, e.g. ["7 条记录", "3 次下载"], in a fixed order. */
export function capsInWords(caps: LicenceTermsLike['volumeCaps'], lang: Lang): string[] {
  if (!caps) return [];
  return MEASURES.filter((m) => caps[m]).map((m) => `${caps[m]!.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en')} ${UNIT[lang][m]}`);
}

const RIGHT: Record<Lang, Record<string, string>> = {
  zh: { PROCESSING_USE: '数据加工使用权', PRODUCT_OPERATION: '数据产品经营权' },
  en: { PROCESSING_USE: 'the processing and use right', PRODUCT_OPERATION: 'the product operation right (resale)' },
};
const ACTION: Record<Lang, Record<string, string>> = {
  zh: { USE: '使用', DERIVE: '衍生', AGGREGATE: '汇总', DISTRIBUTE: '分发', SELL: '转售' },
  en: { USE: 'use', DERIVE: 'derive new data from', AGGREGATE: 'aggregate', DISTRIBUTE: 'distribute', SELL: 'sell' },
};
const DUTY: Record<Lang, Record<string, string>> = {
  zh: { ATTRIBUTION: '注明数据来源', DELETE_AT_TERM_END: '期满删除数据', COMPENSATE: '衍生产品每笔销售支付分成' },
  en: { ATTRIBUTION: 'attribute the data source', DELETE_AT_TERM_END: 'delete the data when the term ends', COMPENSATE: 'pay a royalty on each sale of a derived product' },
};

function listEn(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "365 days" as people say it: whole years, then months of 30 days, else days. */
export function termInWords(days: number, lang: Lang): string {
  if (days % 365 === 0) {
    const years = days / 365;
    return lang === 'zh' ? `${years} 年` : `${years} year${years === 1 ? '' : 's'}`;
  }
  if (days % 30 === 0) {
    const months = days / 30;
    return lang === 'zh' ? `${months} 个月` : `${months} month${months === 1 ? '' : 's'}`;
  }
  return lang === 'zh' ? `${days} 天` : `${days} day${days === 1 ? '' : 's'}`;
}

export function licenceSentences(terms: LicenceTermsLike, lang: Lang): string[] {
  const right = RIGHT[lang][terms.right] ?? terms.right;
  const actions = terms.permittedActions.map((a) => ACTION[lang][a] ?? a.toLowerCase());
  const royalty = `${(terms.royaltyBp ?? 0) / 100}%`;
  const duties = terms.duties.map((d) => (d === 'COMPENSATE'
    ? (lang === 'zh' ? `${DUTY.zh.COMPENSATE}（售价的 ${royalty}）` : `${DUTY.en.COMPENSATE} (${royalty} of its price)`)
    : DUTY[lang][d] ?? d.toLowerCase()));
  const term = termInWords(terms.termDays, lang);
  const forbidsOnward = !terms.permittedActions.includes('DISTRIBUTE') && !terms.permittedActions.includes('SELL');
  if (lang === 'zh') {
    const out = [
      `授予${right}：可${actions.join('、')}本数据。`,
      `仅限以下用途：${terms.purposes.join('、')}。`,
      terms.territory === 'DOMESTIC' ? '使用地域：仅限中国境内（不含港澳台），不得出境。' : '使用地域：允许跨境使用（须依法完成出境评估）。',
      `期限：自付款起 ${term}。`,
      `最多 ${terms.seats} 个使用席位。`,
    ];
    const capsZh = capsInWords(terms.volumeCaps, lang);
    if (capsZh.length) out.push(`用量上限（整个许可期内）：${capsZh.join('、')}；达到上限后不再交付。`);
    if (duties.length) out.push(`义务：${duties.join('、')}。`);
    if (forbidsOnward) out.push('不得向第三方分发或转售。');
    out.push('未明确许可的行为一律禁止。');
    return out;
  }
  const out = [
    `Grants ${right}: you may ${listEn(actions)} the data.`,
    `Only for these purposes: ${terms.purposes.join('; ')}.`,
    terms.territory === 'DOMESTIC'
      ? 'Territory: mainland China only; the data may not leave it.'
      : 'Territory: use abroad is permitted (with the export assessment the law requires).',
    `Term: ${term} from payment.`,
    `At most ${terms.seats} seat${terms.seats === 1 ? '' : 's'}.`,
  ];
  const capsEn = capsInWords(terms.volumeCaps, lang);
  if (capsEn.length) out.push(`Volume caps over the whole licence: ${listEn(capsEn)}; nothing more is delivered once one is reached.`);
  if (duties.length) out.push(`You must ${listEn(duties)}.`);
  if (forbidsOnward) out.push('You may not pass the data on to third parties or resell it.');
  out.push('Whatever is not permitted is prohibited.');
  return out;
}

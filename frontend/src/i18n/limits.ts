// Licence volume limits (用途用量) and the buyer's data assets (数据资产入表), Chinese and English side by side; index.ts
// mounts them under the keys "volume" and "assets". Every key in zh has its twin in en (typed).
export const volumeZh = {
  title: '许可用量', measureCol: '计量项', cap: '上限', used: '已用', left: '剩余', noCap: '不限', none: '此许可未设用量上限，也尚无用量',
  refresh: '刷新', exhausted: '已达上限', editorTitle: '用量上限（用途用量，可选）',
  editorHelp: '整个许可期内最多交付的记录数、API 调用、沙箱查询或下载次数；留空表示不限。上限写入许可协议、链上交易与许可凭证。',
  certificateCaps: '用量上限', merchantTitle: '许可用量（上限、已用、剩余）',
  measure: { RECORDS: '记录', CALLS: 'API 调用', QUERIES: '沙箱查询', DOWNLOADS: '下载' },
};

export const volumeEn: typeof volumeZh = {
  title: 'Licence volume', measureCol: 'Measure', cap: 'Cap', used: 'Used', left: 'Left', noCap: 'No cap', none: 'This licence has no volume caps and no use yet',
  refresh: 'Refresh', exhausted: 'Cap reached', editorTitle: 'Volume caps (optional)',
  editorHelp: 'The most records, API calls, sandbox queries or downloads delivered over the whole licence; empty means no cap. The caps go into the agreement, the ledger trade and the licence certificate.',
  certificateCaps: 'Volume caps', merchantTitle: 'Licence volume (cap, used, left)',
  measure: { RECORDS: 'Records', CALLS: 'API calls', QUERIES: 'Sandbox queries', DOWNLOADS: 'Downloads' },
};

export const assetsZh = {
  nav: '数据资产', title: '数据资产（入表）',
  intro: '本机构持有的数据许可作为数据资产：成本、许可期限与按月直线摊销，每行可追溯到链上交易。导出的 CSV / XLSX 可直接交给会计入账。',
  product: '数据产品', merchant: '数据商', plan: '计价方式', cost: '成本', term: '许可期限', months: '摊销月数', monthly: '月摊销额',
  carrying: '当前账面价值', ledgerTx: '链上交易', revoked: '已撤销', none: '本机构尚未持有已结算的数据许可',
  exportCsv: '导出 CSV', exportXlsx: '导出 XLSX', total: '合计成本',
};

export const assetsEn: typeof assetsZh = {
  nav: 'Data assets', title: 'Data assets (for the books)',
  intro: 'The licences your organisation holds, as data assets: cost, licence term and straight-line amortisation per month, each row traceable to its ledger transaction. The CSV / XLSX export is laid out for your accountant to book.',
  product: 'Data product', merchant: 'Merchant', plan: 'Plan', cost: 'Cost', term: 'Licence term', months: 'Months amortised', monthly: 'Monthly amortisation',
  carrying: 'Carrying amount now', ledgerTx: 'Ledger transaction', revoked: 'Revoked', none: 'Your organisation holds no settled licence yet',
  exportCsv: 'Export CSV', exportXlsx: 'Export XLSX', total: 'Total cost',
};

// Off-venue deals (场内场外相结合) and the public price statistics, Chinese and English side by side; index.ts mounts
// them under the key "offVenue". Every key in zh has its twin in en (typed).
export const offVenueZh = {
  nav: { deals: '场外交易登记', prices: '价格统计', verify: '场外交易核验', ledger: '场外交易（链上）' },
  state: { REGISTERED: '待对方确认', CONFIRMED: '待运营方核验', DECLINED: '对方已拒绝', VERIFIED: '已核验，上链中', REJECTED: '已驳回', RECORDED: '已上链' },
  side: { MERCHANT: '数据商', BUYER: '买方' },
  deals: {
    title: '场外交易登记', intro: '在交易所以外达成的交易可在此登记：一方登记，另一方确认，运营方核验后记入账本并标记为场外交易，单独统计。',
    register: '登记场外交易', none: '还没有场外交易', counterpartyMerchant: '数据商统一社会信用代码', counterpartyBuyer: '买方统一社会信用代码',
    productTitle: '产品名称', productDigest: '产品摘要（数据或其说明的 SHA-256）', digestOf: '由产品说明计算摘要', describe: '产品说明（只在本机计算摘要，不上传）',
    industry: '行业', classification: '数据分级', planKind: '计费方式', price: '成交价（元）', currency: '币种', licence: '许可摘要', scenario: '使用场景',
    dealDate: '成交日期', state: '状态', merchant: '数据商', buyer: '买方', registeredBy: '登记方', confirm: '确认', decline: '拒绝',
    declineTitle: '拒绝这笔场外交易登记', reason: '理由', registered: '已登记，等待对方确认', confirmed: '已确认，等待运营方核验', declined: '已拒绝',
    required: '此项必填', moneyFormat: '请输入金额，最多两位小数', digestFormat: '64 位小写十六进制 SHA-256', awaitingOther: '等待对方确认',
    transaction: '账本交易', details: '详情',
  },
  operator: {
    title: '场外交易核验', intro: '双方确认的场外交易在此核验：核验后记入账本（标记为场外），驳回须说明理由。', queue: '待核验',
    all: '全部', verify: '核验并上链', reject: '驳回', rejectTitle: '驳回场外交易', verified: '已核验并记入账本', rejected: '已驳回',
    none: '没有待核验的场外交易', ledgerError: '上次上链失败', attempts: '上链尝试次数',
  },
  regulator: {
    title: '场外交易（读自账本）', intro: '运营方核验后记入账本的场外交易，以监管方身份从账本读取，与场内交易分开统计。',
    deals: '场外交易笔数', value: '场外交易金额', none: '账本上还没有场外交易', venue: '场外', block: '区块', recordedAt: '上链时间',
    verifiedBy: '核验人', summary: '另有场外交易 {{deals}} 笔，金额 {{value}}（已核验登记，单列，不计入以上场内交易）', open: '查看场外交易', perIndustry: '按行业', perClassification: '按数据分级', perPlanKind: '按计费方式',
  },
  prices: {
    title: '价格统计', intro: '按行业、数据分级和计费方式统计的成交价格分布，不列出任何交易方；参与的数据商或买方少于 {{min}} 家的分组不公开。场内交易与场外交易分别统计。',
    onVenue: '场内交易', offVenue: '场外交易（已核验登记）', trades: '笔数', value: '金额', min: '最低', q1: '25% 分位', median: '中位数',
    q3: '75% 分位', max: '最高', mean: '平均', industry: '行业', classification: '数据分级', planKind: '计费方式',
    withheld: '另有 {{cells}} 个分组（{{trades}} 笔）因参与方过少未公开', none: '暂无可公开的统计', total: '合计 {{trades}} 笔，金额',
  },
};

export const offVenueEn: typeof offVenueZh = {
  nav: { deals: 'Off-venue deals', prices: 'Price statistics', verify: 'Off-venue verification', ledger: 'Off-venue (ledger)' },
  state: { REGISTERED: 'Awaiting the other party', CONFIRMED: 'Awaiting the operator', DECLINED: 'Declined', VERIFIED: 'Verified, being recorded', REJECTED: 'Rejected', RECORDED: 'On the ledger' },
  side: { MERCHANT: 'Merchant', BUYER: 'Buyer' },
  deals: {
    title: 'Off-venue deals', intro: 'Register a deal made outside the exchange: one party registers it, the other confirms, and once the operator verifies it goes on the ledger marked off-venue and is counted apart.',
    register: 'Register an off-venue deal', none: 'No off-venue deals yet', counterpartyMerchant: "Merchant's credit code", counterpartyBuyer: "Buyer's credit code",
    productTitle: 'Product title', productDigest: 'Product digest (SHA-256 of the data or its description)', digestOf: 'Digest from a description', describe: 'Product description (hashed here, not uploaded)',
    industry: 'Industry', classification: 'Classification', planKind: 'Pricing', price: 'Price (yuan)', currency: 'Currency', licence: 'Licence summary', scenario: 'Use scenario',
    dealDate: 'Date of the deal', state: 'State', merchant: 'Merchant', buyer: 'Buyer', registeredBy: 'Registered by', confirm: 'Confirm', decline: 'Decline',
    declineTitle: 'Decline this off-venue deal', reason: 'Reason', registered: 'Registered; the other party confirms next', confirmed: 'Confirmed; the operator verifies next', declined: 'Declined',
    required: 'Required', moneyFormat: 'An amount with at most two decimals', digestFormat: 'SHA-256 in 64 lower-case hex digits', awaitingOther: 'Awaiting the other party',
    transaction: 'Ledger transaction', details: 'Details',
  },
  operator: {
    title: 'Off-venue verification', intro: 'Off-venue deals both parties confirmed: verify one to record it on the ledger marked off-venue, or reject it with a reason.', queue: 'To verify',
    all: 'All', verify: 'Verify and record', reject: 'Reject', rejectTitle: 'Reject the off-venue deal', verified: 'Verified and recorded on the ledger', rejected: 'Rejected',
    none: 'No off-venue deals to verify', ledgerError: 'Last ledger attempt failed', attempts: 'Ledger attempts',
  },
  regulator: {
    title: 'Off-venue deals (from the ledger)', intro: "Off-venue deals the operator verified, read from the ledger with the regulator's identity and counted apart from the exchange's trades.",
    deals: 'Off-venue deals', value: 'Off-venue value', none: 'No off-venue deals on the ledger yet', venue: 'Off-venue', block: 'Block', recordedAt: 'Recorded',
    verifiedBy: 'Verified by', summary: 'Besides: {{deals}} off-venue deals worth {{value}} (verified registrations, counted apart, not in the trades above)', open: 'Open the off-venue deals', perIndustry: 'By industry', perClassification: 'By classification', perPlanKind: 'By pricing',
  },
  prices: {
    title: 'Price statistics', intro: 'Prices per industry, classification and pricing, with no party named; groups with fewer than {{min}} merchants or buyers are not published. Trades on the exchange and off-venue deals are counted apart.',
    onVenue: 'Trades on the exchange', offVenue: 'Off-venue deals (verified registrations)', trades: 'Count', value: 'Value', min: 'Min', q1: 'Q1', median: 'Median',
    q3: 'Q3', max: 'Max', mean: 'Mean', industry: 'Industry', classification: 'Classification', planKind: 'Pricing',
    withheld: '{{cells}} more groups ({{trades}} deals) withheld: too few parties', none: 'Nothing to publish yet', total: '{{trades}} in all, value',
  },
};

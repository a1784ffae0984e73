// Strings of the merchants-and-supervision screens (onboarding, supervision actions, credit records) in all three
// consoles, Chinese and English side by side; each console mounts them under the key "supervision" with its own chunk.
export const supervisionZh = {
  nav: { merchant: '入驻与信用', onboarding: '入驻审核', supervision: '监管措施', credit: '信用管理', regulator: '监管措施与信用' },
  standing: { APPLYING: '待入驻', ACTIVE: '正常经营', SUSPENDED: '暂停交易', DISQUALIFIED: '取消资格' },
  measure: { WARNING_TALK: '约谈', LISTING_TAKEDOWN: '下架', SUSPENSION: '暂停交易', REINSTATEMENT: '恢复交易', DISQUALIFICATION: '取消资格' },
  appStatus: { SUBMITTED: '待审核', APPROVED: '已通过', REJECTED: '已驳回' },
  ledgerState: { PENDING: '上链中', RECORDED: '已上链', FAILED: '账本拒绝' },
  eventKind: {
    WARNING_TALK: '约谈', LISTING_TAKEDOWN: '下架', SUSPENSION: '暂停交易', DISQUALIFICATION: '取消资格',
    UPHELD_COMPLAINT: '异议成立的投诉', REFUSED_TRADE: '被拒绝的交易', LATE_DELIVERY: '逾期履约', ON_TIME_RECORD: '按时履约记录',
  },
  source: { SUPERVISION: '监管措施', COMPLAINT: '投诉裁决', REGULATOR: '监管部门', OPERATOR: '交易场所' },
  eventStatus: { STANDING: '有效', WITHDRAWN: '已撤销（异议成立）', REPAIRED: '已修复' },
  decision: { OPEN: '待处理', UPHELD: '成立', DISMISSED: '驳回', APPROVED: '批准', REFUSED: '不予批准' },
  common: {
    merchant: '数据商', creditCode: '统一社会信用代码', standing: '经营状态', since: '起始时间', actions: '操作',
    measure: '措施', reason: '理由', actor: '决定人', at: '时间', ledger: '账本', tx: '交易', none: '暂无记录',
    note: '说明', approve: '通过', reject: '驳回', accept: '成立/批准', refuse: '驳回/不予批准', submit: '提交', status: '状态',
    score: '信用分', party: '主体',
  },
  application: {
    title: '数商入驻申请', intro: '提交机构信息与承诺，经交易场所审核通过后方可提交数据产品上架审核。',
    creditCode: '统一社会信用代码', businessScope: '经营范围', contactName: '联系人', contactPhone: '联系电话', contactEmail: '联系邮箱',
    declarations: '声明与承诺', lawfulOperation: '本机构依法设立、合法经营', lawfulSources: '所售数据来源合法、权属清晰',
    securityMeasures: '具备数据安全管理制度和技术措施', noViolations: '近三年无重大违法违规记录', rulesAccepted: '遵守交易场所交易规则',
    declarationRequired: '入驻须作出全部声明', required: '必填', submitted: '申请已提交，等待审核', dueAt: '审核期限',
    decisionNote: '审核意见', history: '申请记录',
  },
  merchantPage: { title: '入驻与信用', standing: '我的经营状态', supervision: '对本机构的监管措施', credit: '我的信用记录' },
  credit: {
    rules: '评分规则', base: '基础分', points: '分值', repairAfter: '可申请修复的无新增失信期', thresholds: '门槛',
    submitMin: '提交上架所需最低分', orderMin: '下单所需最低分', largeMin: '大额订单所需最低分', largeAbove: '大额订单标准（分）',
    events: '信用事件', kind: '事件', source: '来源', ref: '来源编号', object: '提出异议', objectionReason: '异议理由',
    objections: '异议', repairs: '信用修复', applyRepair: '申请信用修复', repairStatement: '整改说明', eligibleFrom: '可申请修复时间',
    noneEligible: '无需修复', overview: '各主体信用', open: '待处理',
  },
  onboarding: { title: '入驻审核', overdue: '已超期', applicant: '申请机构', submittedAt: '提交时间', dueAt: '审核期限', decide: '审核', scope: '经营范围', contact: '联系人' },
  supervisionPage: {
    title: '监管措施', act: '采取措施', product: '下架产品', productRequired: '下架须选择挂牌中的产品', actionsTitle: '措施记录',
    reasonRequired: '请填写理由', before: '之前', after: '之后',
  },
  creditPage: { title: '信用管理', objections: '信用异议', repairs: '信用修复申请', decide: '处理', record: '信用记录' },
  regulatorPage: { title: '监管措施与信用', fromLedger: '以下监管措施读取自账本', pending: '尚未上链的措施：{{count}} 条', credit: '各主体信用' },
};

export const supervisionEn: typeof supervisionZh = {
  nav: { merchant: 'Onboarding & credit', onboarding: 'Onboarding', supervision: 'Supervision', credit: 'Credit records', regulator: 'Supervision & credit' },
  standing: { APPLYING: 'Applying', ACTIVE: 'Active', SUSPENDED: 'Suspended', DISQUALIFIED: 'Disqualified' },
  measure: { WARNING_TALK: 'Warning talk', LISTING_TAKEDOWN: 'Listing takedown', SUSPENSION: 'Suspension', REINSTATEMENT: 'Reinstatement', DISQUALIFICATION: 'Disqualification' },
  appStatus: { SUBMITTED: 'Waiting for review', APPROVED: 'Approved', REJECTED: 'Rejected' },
  ledgerState: { PENDING: 'Being recorded', RECORDED: 'On the ledger', FAILED: 'Refused by the ledger' },
  eventKind: {
    WARNING_TALK: 'Warning talk', LISTING_TAKEDOWN: 'Listing takedown', SUSPENSION: 'Suspension', DISQUALIFICATION: 'Disqualification',
    UPHELD_COMPLAINT: 'Upheld complaint', REFUSED_TRADE: 'Refused trade', LATE_DELIVERY: 'Late delivery', ON_TIME_RECORD: 'On-time record',
  },
  source: { SUPERVISION: 'Supervision', COMPLAINT: 'Complaint decision', REGULATOR: 'Regulator', OPERATOR: 'Exchange operator' },
  eventStatus: { STANDING: 'Counts', WITHDRAWN: 'Withdrawn (objection upheld)', REPAIRED: 'Repaired' },
  decision: { OPEN: 'Open', UPHELD: 'Upheld', DISMISSED: 'Dismissed', APPROVED: 'Approved', REFUSED: 'Refused' },
  common: {
    merchant: 'Merchant', creditCode: 'Unified social credit code', standing: 'Standing', since: 'Since', actions: 'Actions',
    measure: 'Measure', reason: 'Reason', actor: 'Decided by', at: 'Time', ledger: 'Ledger', tx: 'Transaction', none: 'Nothing yet',
    note: 'Note', approve: 'Approve', reject: 'Reject', accept: 'Uphold / approve', refuse: 'Dismiss / refuse', submit: 'Submit', status: 'Status',
    score: 'Credit score', party: 'Party',
  },
  application: {
    title: 'Merchant onboarding application', intro: 'Give your organisation’s details and declarations; once the exchange approves them you may submit products for listing review.',
    creditCode: 'Unified social credit code', businessScope: 'Business scope', contactName: 'Contact person', contactPhone: 'Contact phone', contactEmail: 'Contact email',
    declarations: 'Declarations', lawfulOperation: 'The organisation is lawfully established and operated', lawfulSources: 'The data it sells has lawful sources and clear rights',
    securityMeasures: 'It has data-security rules and technical measures', noViolations: 'No serious violation in the last three years', rulesAccepted: 'It accepts the exchange’s trading rules',
    declarationRequired: 'Every declaration is needed to be admitted', required: 'Required', submitted: 'Application submitted, waiting for review', dueAt: 'Review due by',
    decisionNote: 'Review note', history: 'Applications',
  },
  merchantPage: { title: 'Onboarding & credit', standing: 'My standing', supervision: 'Supervision actions against us', credit: 'My credit record' },
  credit: {
    rules: 'Scoring rules', base: 'Base score', points: 'Points', repairAfter: 'Period without new faults before repair', thresholds: 'Thresholds',
    submitMin: 'Minimum score to submit products', orderMin: 'Minimum score to order', largeMin: 'Minimum score for large orders', largeAbove: 'Large order above (fen)',
    events: 'Credit events', kind: 'Event', source: 'Source', ref: 'Source reference', object: 'Object', objectionReason: 'Why the entry is wrong',
    objections: 'Objections', repairs: 'Credit repair', applyRepair: 'Apply for credit repair', repairStatement: 'What was put right', eligibleFrom: 'Repair possible from',
    noneEligible: 'Nothing to repair', overview: 'Credit of every party', open: 'Open',
  },
  onboarding: { title: 'Onboarding review', overdue: 'Overdue', applicant: 'Applicant', submittedAt: 'Submitted', dueAt: 'Review due', decide: 'Decide', scope: 'Business scope', contact: 'Contact' },
  supervisionPage: {
    title: 'Supervision', act: 'Take a measure', product: 'Listing to take down', productRequired: 'A takedown names a listed product', actionsTitle: 'Actions taken',
    reasonRequired: 'Give the reason', before: 'Before', after: 'After',
  },
  creditPage: { title: 'Credit records', objections: 'Objections', repairs: 'Repair applications', decide: 'Decide', record: 'Credit record' },
  regulatorPage: { title: 'Supervision & credit', fromLedger: 'These supervision actions are read from the ledger', pending: 'Actions not yet on the ledger: {{count}}', credit: 'Credit of every party' },
};

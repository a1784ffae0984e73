// Matching (交易撮合), the valuation aid (数据资产评估) and ratings, Chinese and English side by side; index.ts mounts
// them under the key "market". Every key in zh has its twin in en (typed).
export const marketZh = {
  nav: { needs: '数据需求', answers: '需求撮合', ratings: '评价', moderation: '评价审核' },
  needState: { OPEN: '征集中', MATCHED: '已撮合', EXPIRED: '已截止', WITHDRAWN: '已撤回' },
  answerState: { OFFERED: '待选择', ACCEPTED: '已接受', NOT_CHOSEN: '未选中' },
  needs: {
    title: '我的数据需求', post: '发布数据需求', none: '还没有发布数据需求', needTitle: '需求名称', description: '需求描述（中文或英文）',
    industry: '行业', purpose: '使用场景', location: '使用地', budgetMin: '预算下限（元）', budgetMax: '预算上限（元）',
    deadline: '截止时间', classifications: '可接受的数据分级', answers: '应答', state: '状态', posted: '需求已发布',
    open: '查看应答', withdraw: '撤回需求', budget: '预算', required: '此项必填', moneyFormat: '请输入金额，最多两位小数',
  },
  compare: {
    title: '应答比较', none: '还没有数据商应答', merchant: '数据商', product: '数据产品', price: '报价', publicPrice: '公开价',
    withinBudget: '预算内', overBudget: '超出预算', licence: '许可', note: '说明', accept: '接受此应答并下单',
    acceptTitle: '接受“{{merchant}}”的应答', buyerLocation: '买方所在地', securityAgreement: '我接受数据安全协议（重要数据、核心数据必需）',
    accepted: '已按该应答下单，请支付订单', toOrder: '查看订单并支付', delivery: '交付方式',
  },
  merchantNeeds: {
    title: '数据需求撮合', search: '搜索需求（中文或英文）', industry: '行业', classification: '数据分级', all: '全部',
    none: '没有符合条件的征集中需求', answer: '应答', answerTitle: '应答“{{title}}”', product: '我的挂牌产品', price: '报价（元）',
    note: '说明（可选）', answered: '应答已提交：买方可在截止前选择', mine: '我的应答', deadline: '截止', buyer: '需求方',
  },
  valuation: {
    title: '可比成交价格（数据资产评估参考）', loading: '正在读取链上成交…', plan: '方案', comparables: '可比成交',
    p25: '25% 分位', median: '中位数', p75: '75% 分位', yourPrice: '本方案价格', notCompared: '不比较',
    explain: '可比成交：同行业、同数据分级、同类价格方案、同币种的其他产品在账本上的成交。少于 {{min}} 笔时不显示分布，以免推知单笔成交价；分布只显示分位数和直方图，不显示最高、最低成交。',
    chartLabel: '可比成交价格分布直方图',
  },
  ratings: {
    title: '买方评价', none: '还没有评价', average: '平均 {{average}} 分（{{count}} 条）', reply: '数据商回复',
    rate: '评价此产品', stars: '评分', text: '评价内容（500 字以内）', submit: '提交评价', submitted: '评价已提交',
    held: '评价含有需审核的词语，运营方审核后显示', report: '举报', reportReason: '举报理由', reported: '已举报，运营方将审核',
    merchantTitle: '产品评价', answer: '回复', answerTitle: '回复评价', answered: '已回复', onlyOnce: '每条评价只能回复一次',
    product: '产品', shown: '公开显示', hidden: '不显示',
  },
  moderation: {
    title: '评价审核队列', none: '没有待审核的评价', keep: '保留', hide: '隐藏', reason: '理由', reports: '举报',
    why: '入队原因', kept: '已保留', hiddenDone: '已隐藏',
    rule: '规则：评价或回复含有配置的屏蔽词（exchange.ratings.blocked-words）时暂不显示并进入队列；订单买方或产品数据商举报时进入队列但继续显示。隐藏的评价不显示、不计入平均分。',
  },
  operatorNeeds: { title: '数据需求与应答', buyer: '需求方', answers: '应答数', order: '订单' },
  matched: '撮合',
};

export const marketEn: typeof marketZh = {
  nav: { needs: 'Needs', answers: 'Matching', ratings: 'Ratings', moderation: 'Rating moderation' },
  needState: { OPEN: 'Open', MATCHED: 'Matched', EXPIRED: 'Expired', WITHDRAWN: 'Withdrawn' },
  answerState: { OFFERED: 'Offered', ACCEPTED: 'Accepted', NOT_CHOSEN: 'Not chosen' },
  needs: {
    title: 'My data needs', post: 'Post a data need', none: 'No data needs posted yet', needTitle: 'Title',
    description: 'Description (Chinese or English)', industry: 'Industry', purpose: 'Use scenario', location: 'Place of use',
    budgetMin: 'Budget from (yuan)', budgetMax: 'Budget up to (yuan)', deadline: 'Deadline',
    classifications: 'Acceptable classifications', answers: 'Answers', state: 'State', posted: 'Need posted',
    open: 'See answers', withdraw: 'Withdraw', budget: 'Budget', required: 'Required',
    moneyFormat: 'Enter an amount with at most two decimals',
  },
  compare: {
    title: 'Compare answers', none: 'No merchant has answered yet', merchant: 'Merchant', product: 'Product', price: 'Offer',
    publicPrice: 'Public price', withinBudget: 'Within budget', overBudget: 'Over budget', licence: 'Licence', note: 'Note',
    accept: 'Accept and order', acceptTitle: 'Accept the answer of {{merchant}}', buyerLocation: 'Where you are',
    securityAgreement: 'I accept the data-security agreement (needed for important and core data)',
    accepted: 'Ordered under this answer; pay the order next', toOrder: 'Open the order and pay', delivery: 'Delivery',
  },
  merchantNeeds: {
    title: 'Matching buyers\' needs', search: 'Search needs (Chinese or English)', industry: 'Industry',
    classification: 'Classification', all: 'All', none: 'No open needs match', answer: 'Answer',
    answerTitle: 'Answer “{{title}}”', product: 'My listed product', price: 'Offer (yuan)', note: 'Note (optional)',
    answered: 'Answer sent: the buyer can choose it until the deadline', mine: 'My answers', deadline: 'Deadline',
    buyer: 'Buyer',
  },
  valuation: {
    title: 'Comparable trade prices (valuation aid)', loading: 'Reading trades from the ledger…', plan: 'Plan',
    comparables: 'Comparable trades', p25: '25th percentile', median: 'Median', p75: '75th percentile',
    yourPrice: 'This plan\'s price', notCompared: 'Not compared',
    explain: 'Comparable trades: other products\' trades on the ledger of the same industry, classification, kind of plan and currency. With fewer than {{min}} no distribution is shown, so that no single trade\'s price can be told; the distribution shows quartiles and a histogram, never the highest or lowest trade.',
    chartLabel: 'Histogram of comparable trade prices',
  },
  ratings: {
    title: 'Buyers\' ratings', none: 'No ratings yet', average: '{{average}} on average ({{count}} ratings)',
    reply: 'Merchant\'s answer', rate: 'Rate this product', stars: 'Stars', text: 'Your rating (at most 500 characters)',
    submit: 'Send rating', submitted: 'Rating sent', held: 'The rating holds words the operator checks; it shows once checked',
    report: 'Report', reportReason: 'Why', reported: 'Reported; the operator will look at it', merchantTitle: 'Product ratings',
    answer: 'Answer', answerTitle: 'Answer the rating', answered: 'Answered', onlyOnce: 'Each rating is answered once',
    product: 'Product', shown: 'Shown', hidden: 'Not shown',
  },
  moderation: {
    title: 'Rating moderation queue', none: 'No ratings to moderate', keep: 'Keep', hide: 'Hide', reason: 'Reason',
    reports: 'Reports', why: 'Why queued', kept: 'Kept', hiddenDone: 'Hidden',
    rule: 'Rule: a rating or answer with a configured blocked word (exchange.ratings.blocked-words) is held off the sheet and queued; a report by the order\'s buyer or the product\'s merchant queues it while it stays shown. Hidden ratings are neither shown nor counted in the average.',
  },
  operatorNeeds: { title: 'Data needs and answers', buyer: 'Buyer', answers: 'Answers', order: 'Order' },
  matched: 'Matched',
};

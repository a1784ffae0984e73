// The audit log's words, shared by the operator and regulator consoles (each mounts them under "audit" with its own
// chunk). Every action the service can write has its name here: AuditActionsTranslatedTest (marketplace) finds them
// in the service's code and fails for one that is missing in zh or en.
export const auditZh = {
  action: {
    LOGIN: '登录', LOGIN_FAILED: '登录失败',
    PRODUCT_DRAFT: '产品草稿', PRODUCT_IN_REVIEW: '提交上架审核', PRODUCT_APPROVED: '审核通过', PRODUCT_LISTED: '挂牌',
    PRODUCT_REJECTED: '驳回上架', PRODUCT_SUSPENDED: '暂停挂牌', PRODUCT_DELISTED: '下架',
    REVISION_DRAFT: '变更草稿', REVISION_IN_REVIEW: '提交变更审核', REVISION_APPROVED: '变更审核通过', REVISION_APPLIED: '变更生效',
    REVISION_REJECTED: '驳回变更', REVISION_WITHDRAWN: '撤回变更',
    ORDER_CREATED: '下单', ORDER_AWAITING_APPROVAL: '订单待监管审批', ORDER_PAID: '订单已支付', ORDER_SETTLING: '订单结算中',
    ORDER_SETTLED: '订单已结算上链', ORDER_DELIVERED: '订单已交付', ORDER_CANCELLED: '订单已取消', ORDER_REFUNDED: '订单已退款',
    ORDER_PARTIAL_REFUND: '部分退款',
    DELIVERY: '数据交付', SUBSCRIPTION_AUTO_RENEW: '设置自动续订', WALLET_TOP_UP: '钱包充值',
    COMPLAINT_FILED: '提出异议', COMPLAINT_DECIDED: '异议裁决', DISPUTE_OUTCOME_RECORDED: '裁决上链',
    NEED_POSTED: '发布数据需求', NEED_ANSWERED: '响应数据需求', NEED_MATCHED: '需求撮合成交', NEED_WITHDRAWN: '撤回数据需求',
    OFF_VENUE_DEAL_REGISTERED: '登记场外交易', OFF_VENUE_DEAL_CONFIRMED: '确认场外交易', OFF_VENUE_DEAL_DECLINED: '拒绝场外交易',
    OFF_VENUE_DEAL_VERIFIED: '核验场外交易', OFF_VENUE_DEAL_REJECTED: '驳回场外交易', OFF_VENUE_DEAL_RECORDED: '场外交易已上链',
    PRODUCT_RATED: '评价产品', RATING_ANSWERED: '回复评价', RATING_REPORTED: '举报评价', RATING_KEPT: '保留评价', RATING_HIDDEN: '隐藏评价',
    SANDBOX_QUERY: '沙箱聚合查询', SANDBOX_K: '设置沙箱K匿名阈值',
    REPORT_GENERATED: '生成月度监管报告',
    LICENCE_REVOCATION_DECIDED: '决定撤销许可', LICENCE_REVOKED: '许可已在链上撤销', LEDGER_REFUSED: '账本拒绝',
    REGULATOR_QUERY: '监管查询',
  },
  // Actors the service itself writes (background work), named for people.
  actor: {
    system: '系统', 'dispute-outcomes': '系统（裁决上链）', 'download-link': '下载链接', sandbox: '查询沙箱',
  },
};

export const auditEn: typeof auditZh = {
  action: {
    LOGIN: 'Signed in', LOGIN_FAILED: 'Sign-in failed',
    PRODUCT_DRAFT: 'Product drafted', PRODUCT_IN_REVIEW: 'Submitted for review', PRODUCT_APPROVED: 'Approved',
    PRODUCT_LISTED: 'Listed', PRODUCT_REJECTED: 'Listing rejected', PRODUCT_SUSPENDED: 'Suspended', PRODUCT_DELISTED: 'Delisted',
    REVISION_DRAFT: 'Change drafted', REVISION_IN_REVIEW: 'Change submitted', REVISION_APPROVED: 'Change approved',
    REVISION_APPLIED: 'Change applied', REVISION_REJECTED: 'Change rejected', REVISION_WITHDRAWN: 'Change withdrawn',
    ORDER_CREATED: 'Order placed', ORDER_AWAITING_APPROVAL: 'Order awaits approval', ORDER_PAID: 'Order paid',
    ORDER_SETTLING: 'Order settling', ORDER_SETTLED: 'Order settled on the ledger', ORDER_DELIVERED: 'Order delivered',
    ORDER_CANCELLED: 'Order cancelled', ORDER_REFUNDED: 'Order refunded',
    ORDER_PARTIAL_REFUND: 'Partial refund',
    DELIVERY: 'Data delivered', SUBSCRIPTION_AUTO_RENEW: 'Auto-renewal set', WALLET_TOP_UP: 'Wallet top-up',
    COMPLAINT_FILED: 'Complaint filed', COMPLAINT_DECIDED: 'Complaint decided', DISPUTE_OUTCOME_RECORDED: 'Decision on the ledger',
    NEED_POSTED: 'Data need posted', NEED_ANSWERED: 'Data need answered', NEED_MATCHED: 'Data need matched', NEED_WITHDRAWN: 'Data need withdrawn',
    OFF_VENUE_DEAL_REGISTERED: 'Off-venue deal registered', OFF_VENUE_DEAL_CONFIRMED: 'Off-venue deal confirmed', OFF_VENUE_DEAL_DECLINED: 'Off-venue deal declined',
    OFF_VENUE_DEAL_VERIFIED: 'Off-venue deal verified', OFF_VENUE_DEAL_REJECTED: 'Off-venue deal rejected', OFF_VENUE_DEAL_RECORDED: 'Off-venue deal on the ledger',
    PRODUCT_RATED: 'Product rated', RATING_ANSWERED: 'Rating answered', RATING_REPORTED: 'Rating reported', RATING_KEPT: 'Rating kept', RATING_HIDDEN: 'Rating hidden',
    SANDBOX_QUERY: 'Sandbox query run', SANDBOX_K: 'Sandbox k-anonymity threshold set',
    REPORT_GENERATED: 'Monthly report generated',
    LICENCE_REVOCATION_DECIDED: 'Licence revocation decided', LICENCE_REVOKED: 'Licence revoked on the ledger',
    LEDGER_REFUSED: 'Ledger refused', REGULATOR_QUERY: 'Regulator query',
  },
  actor: {
    system: 'System', 'dispute-outcomes': 'System (decision to the ledger)', 'download-link': 'Download link', sandbox: 'Query sandbox',
  },
};

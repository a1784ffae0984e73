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
    PRODUCT_RATED: '评价产品', RATING_ANSWERED: '回复评价', RATING_REPORTED: '举报评价', RATING_KEPT: '保留评价', RATING_HIDDEN: '隐藏评价',
    SANDBOX_QUERY: '沙箱聚合查询', SANDBOX_K: '设置沙箱K匿名阈值',
    REPORT_GENERATED: '生成月度监管报告',
    MERCHANT_APPLIED: '申请数商入驻', MERCHANT_APPLICATION_APPROVED: '批准数商入驻', MERCHANT_APPLICATION_REJECTED: '驳回数商入驻',
    SUPERVISION_WARNING_TALK: '约谈', SUPERVISION_LISTING_TAKEDOWN: '监管下架', SUPERVISION_SUSPENSION: '暂停数商资格',
    SUPERVISION_REINSTATEMENT: '恢复数商资格', SUPERVISION_DISQUALIFICATION: '取消数商资格', SUPERVISION_ACTION_RECORDED: '监管措施上链',
    CREDIT_EVENT_RECORDED: '记录信用事件', CREDIT_OBJECTION_FILED: '提出信用异议', CREDIT_OBJECTION_UPHELD: '信用异议成立',
    CREDIT_OBJECTION_DISMISSED: '驳回信用异议', CREDIT_REPAIR_APPLIED: '申请信用修复', CREDIT_REPAIR_APPROVED: '批准信用修复',
    CREDIT_REPAIR_REFUSED: '拒绝信用修复',
    LICENCE_REVOCATION_DECIDED: '决定撤销许可', LICENCE_REVOKED: '许可已在链上撤销', LEDGER_REFUSED: '账本拒绝',
    REGULATOR_QUERY: '监管查询',
  },
  // Actors the service itself writes (background work), named for people.
  actor: {
    system: '系统', 'dispute-outcomes': '系统（裁决上链）', 'download-link': '下载链接', sandbox: '查询沙箱', 'supervision-actions': '系统（监管措施上链）',
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
    PRODUCT_RATED: 'Product rated', RATING_ANSWERED: 'Rating answered', RATING_REPORTED: 'Rating reported', RATING_KEPT: 'Rating kept', RATING_HIDDEN: 'Rating hidden',
    SANDBOX_QUERY: 'Sandbox query run', SANDBOX_K: 'Sandbox k-anonymity threshold set',
    REPORT_GENERATED: 'Monthly report generated',
    MERCHANT_APPLIED: 'Merchant applied', MERCHANT_APPLICATION_APPROVED: 'Merchant application approved',
    MERCHANT_APPLICATION_REJECTED: 'Merchant application rejected',
    SUPERVISION_WARNING_TALK: 'Warning talk', SUPERVISION_LISTING_TAKEDOWN: 'Listing taken down',
    SUPERVISION_SUSPENSION: 'Merchant suspended', SUPERVISION_REINSTATEMENT: 'Merchant reinstated',
    SUPERVISION_DISQUALIFICATION: 'Merchant disqualified', SUPERVISION_ACTION_RECORDED: 'Supervision action on the ledger',
    CREDIT_EVENT_RECORDED: 'Credit event recorded', CREDIT_OBJECTION_FILED: 'Credit objection filed',
    CREDIT_OBJECTION_UPHELD: 'Credit objection upheld', CREDIT_OBJECTION_DISMISSED: 'Credit objection dismissed',
    CREDIT_REPAIR_APPLIED: 'Credit repair applied for', CREDIT_REPAIR_APPROVED: 'Credit repair approved',
    CREDIT_REPAIR_REFUSED: 'Credit repair refused',
    LICENCE_REVOCATION_DECIDED: 'Licence revocation decided', LICENCE_REVOKED: 'Licence revoked on the ledger',
    LEDGER_REFUSED: 'Ledger refused', REGULATOR_QUERY: 'Regulator query',
  },
  actor: {
    system: 'System', 'dispute-outcomes': 'System (decision to the ledger)', 'download-link': 'Download link', sandbox: 'Query sandbox', 'supervision-actions': 'System (supervision action to the ledger)',
  },
};

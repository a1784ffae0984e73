// The query sandbox on the buyer's order page, Chinese and English side by side.
export const sandboxZh = {
  title: '沙箱查询（数据可用不可见）',
  intro: '在交易所内对数据运行聚合查询，只返回统计结果，不返回任何明细记录。少于 {{k}} 条记录的分组将被隐藏。每次查询都会计入本许可的用量并记录。',
  select: '统计项', aggregate: '统计方式', column: '字段', percent: '百分位', addSelect: '添加统计项',
  groupBy: '分组字段', filters: '筛选条件', addFilter: '添加筛选条件', operator: '比较', value: '取值', remove: '删除',
  run: '运行查询', result: '查询结果', noGroups: '没有可显示的分组', suppressed: '已隐藏 {{count}} 个少于 {{k}} 条记录的分组',
  suppressed_one: '已隐藏 1 个少于 {{k}} 条记录的分组',
  hash: '查询哈希', elapsed: '耗时 {{ms}} 毫秒', chart: '查询结果图表', log: '查询记录', ranAt: '时间', groups: '分组数',
  suppressedGroups: '隐藏分组',
  agg: { COUNT: '计数', SUM: '求和', AVG: '平均值', MIN: '最小值', MAX: '最大值', PERCENTILE: '百分位数' },
  op: { EQ: '等于', NE: '不等于', LT: '小于', LE: '不大于', GT: '大于', GE: '不小于', IN: '属于（逗号分隔）' },
  rows: '全部记录',
  kTitle: '沙箱查询的 k-匿名阈值', kLabel: 'k 值',
  kHelp: '买方在沙箱中查询本产品时，记录数少于 k 的分组不予显示。k 最小为 5，默认 10。',
  kSave: '保存 k 值', kSaved: '已保存：k = {{k}}',
};

export const sandboxEn: typeof sandboxZh = {
  title: 'Query sandbox (usable, not visible)',
  intro: 'Run aggregate queries over the data inside the exchange: only statistics come back, never records. Groups of fewer than {{k}} records are suppressed. Every query counts against this licence and is recorded.',
  select: 'Outputs', aggregate: 'Aggregate', column: 'Column', percent: 'Percentile', addSelect: 'Add an output',
  groupBy: 'Group by', filters: 'Filters', addFilter: 'Add a filter', operator: 'Operator', value: 'Value', remove: 'Remove',
  run: 'Run query', result: 'Result', noGroups: 'No group to show', suppressed: '{{count}} groups of fewer than {{k}} records suppressed',
  suppressed_one: '1 group of fewer than {{k}} records suppressed',
  hash: 'Query hash', elapsed: '{{ms}} ms', chart: 'Chart of the query result', log: 'Queries run', ranAt: 'Time', groups: 'Groups',
  suppressedGroups: 'Suppressed',
  agg: { COUNT: 'Count', SUM: 'Sum', AVG: 'Average', MIN: 'Minimum', MAX: 'Maximum', PERCENTILE: 'Percentile' },
  op: { EQ: 'equals', NE: 'differs from', LT: 'less than', LE: 'at most', GT: 'greater than', GE: 'at least', IN: 'one of (comma-separated)' },
  rows: 'all records',
  kTitle: 'k-anonymity threshold of sandbox queries', kLabel: 'k',
  kHelp: 'When buyers query this product in the sandbox, groups of fewer than k records are not shown. k is at least 5; 10 by default.',
  kSave: 'Save k', kSaved: 'Saved: k = {{k}}',
};

// The merchant's licences held (已购许可): licences its organisation bought (say, to derive a product of its own), with
// their certificate, term, volume and delivery; Chinese and English side by side. MerchantConsole mounts them under
// the key "held". Every key in zh has its twin in en (typed).
export const heldZh = {
  nav: '已购许可',
  title: '已购许可',
  intro: '本机构作为被许可方购买的数据许可：证书、许可期限、用量与交付。与买方一样，在许可范围与交付方式内下载文件、调用 API 或在查询沙箱中查询；撤销或到期后不再交付。',
  product: '数据产品',
  certificate: '许可证书',
  term: '许可期限',
  status: '状态',
  amount: '金额',
  open: '订单与交付详情',
  volume: '许可用量（上限、已用、剩余）',
  none: '本机构还没有已支付的许可。可在数据商城订购其他数据商的产品（例如为开发衍生产品取得 derive 权利）。',
  pending: '结算中，证书签发后可交付',
};

export const heldEn: typeof heldZh = {
  nav: 'Licences held',
  title: 'Licences held',
  intro: 'Licences your organisation bought as licensee: certificate, term, volume and delivery. As a buyer does, download the file, call the API or query in the sandbox within the licence and its delivery modes; nothing is delivered once it is revoked or its term is over.',
  product: 'Data product',
  certificate: 'Licence certificate',
  term: 'Licence term',
  status: 'Status',
  amount: 'Amount',
  open: 'Order and delivery details',
  volume: 'Licence volume (cap, used, left)',
  none: 'Your organisation holds no paid licence yet. Order other merchants\' products in the store (for example, to obtain the derive right for a derived product).',
  pending: 'Settling; delivery opens once the certificate is issued',
};

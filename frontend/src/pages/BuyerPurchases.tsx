// The buyer's purchases and bills (采购与账单) in the store: the merchant console's page, its links going to the buyer's
// orders (/orders/{id}: delivery and the licence certificate).
import Purchases, { BUYER_PURCHASE_LINKS } from './merchant/Purchases';

export default function BuyerPurchases() {
  return <Purchases links={BUYER_PURCHASE_LINKS} />;
}

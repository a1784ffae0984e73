/** Where an order's page is: the buyer's orders, or, for a merchant that bought a licence, its console's licences held. */
export function orderPath(role: string | undefined, orderId: string): string {
  return role === 'MERCHANT' ? `/merchant/licences/${orderId}` : `/orders/${orderId}`;
}

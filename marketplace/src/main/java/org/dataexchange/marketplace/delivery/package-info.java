/**
 * Delivery of licensed data (SPEC §6): signed download links and downloads of file products, API keys and counted
 * metered calls, each within its delivery mode and the licence as the books hold it (confirmed certificate, not
 * revoked, in term: {@link org.dataexchange.marketplace.settlement.OrderSettlement#licence}; no ledger read per
 * download or call), delivery receipts written on the ledger after the delivery is recorded, and the operator's
 * revocation of a licence.
 *
 * <p>Owns the tables {@code delivery}, {@code api_key} and {@code api_usage}. Surface: {@code MeteredAccess}
 * (usage and its price, for billing). Depends on order, settlement, catalogue, volume (every download, call and sandbox query is
 * counted against the licence's volume caps).
 */
package org.dataexchange.marketplace.delivery;

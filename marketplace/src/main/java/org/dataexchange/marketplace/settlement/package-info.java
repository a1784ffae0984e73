/**
 * Settlement: the one boundary between the books and the ledger for trades.
 *
 * <p>{@link org.dataexchange.marketplace.settlement.OrderSettlement} is the only mapping of an order to the contract's
 * records (its trade, its licence certificate) and of a settled order to the licence the books hold; the settlement
 * worker, the certificate check, the books check and delivery all use it. The
 * {@link org.dataexchange.marketplace.settlement.SettlementWorker} drains the orders' settlement requests: many trades
 * per ledger transaction, then one books transaction per batch that moves each order by its transitions and releases
 * its escrow to the wallets its split lines name. No ledger call runs inside a books transaction or under the posting
 * lock. The ledger's own events confirm settlements and carry revocations into the books ({@code
 * SettlementConfirmations}); the books check ({@link org.dataexchange.marketplace.settlement.UnbookedTrades}, with the
 * {@code books} health indicator) finds and heals trades the books have not settled. Certificates are fetched and
 * verified through {@code /api/certificates}.
 *
 * <p>Owns the tables {@code ledger_event_checkpoint}, {@code settlement_confirmation}, {@code unbooked_trade} and
 * {@code books_check}. Surface: {@code OrderSettlement}, {@code SettlementWorker} (drain), {@code UnbookedTrades}.
 * Depends on order, payment, catalogue, organisation; nothing in order depends on it.
 */
package org.dataexchange.marketplace.settlement;

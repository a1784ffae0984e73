/**
 * Off-venue deals (场内场外相结合, SPEC §4, issue 18): a deal a merchant and its buyer made outside the exchange, registered
 * by either side and confirmed by the other, verified or rejected by the operator; a verified deal goes on the ledger
 * (the chaincode's {@code offvenue} contract) marked off-venue, written after the verification commits through the deal's
 * own recorded intent, so it is traceable by the regulator and counted apart from the exchange's own trades.
 *
 * <p>Surface: {@link org.dataexchange.marketplace.offvenue.OffVenueLedger} (the deals on the ledger, read with the
 * regulator's identity, for statistics and the monthly report). Depends on organisation, account, audit, problem,
 * catalogue (its industries) and the ledger client.
 */
package org.dataexchange.marketplace.offvenue;

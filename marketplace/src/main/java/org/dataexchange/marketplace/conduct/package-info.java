/**
 * Market conduct (SPEC §4, issue 18): price statistics per industry, classification and plan kind (public without
 * parties and without cells small enough to point at one; full for the regulator), the regulator's conduct flags
 * (inflated prices, the same product priced differently to comparable buyers, tied sales), each explaining the numbers
 * that raised it, and the monthly regulator report (PDF and CSV), generated on demand and kept unchanged with its
 * SHA-256.
 *
 * <p>Trades are read from the ledger with the regulator's identity through
 * {@link org.dataexchange.marketplace.regulator.LedgerTrades}; the plan kind and the order's time and buyer come from
 * the order the trade settled. Off-venue deals are read from the ledger through
 * {@link org.dataexchange.marketplace.offvenue.OffVenueLedger} and counted apart. Depends on regulator, order,
 * catalogue, audit, offvenue, supervision (its actions as the ledger holds them); nothing depends on it.
 *
 * <p>Surface: the HTTP API only.
 */
package org.dataexchange.marketplace.conduct;

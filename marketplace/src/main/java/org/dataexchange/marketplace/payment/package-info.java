/**
 * Wallets in double-entry bookkeeping: every movement is a journal entry whose lines sum to zero, balances per
 * organisation, kind (AVAILABLE, ESCROW, REVENUE, OWED, EXTERNAL) and currency, refused whole when one would go below
 * zero or above the limit; the operator's top-ups; the recovery of what a party owes from its next revenue.
 *
 * <p>Owns the tables {@code ledger_account}, {@code journal_entry} and {@code journal_line}. Surface: {@code Wallets}.
 * Depends on no other feature.
 */
package org.dataexchange.marketplace.payment;

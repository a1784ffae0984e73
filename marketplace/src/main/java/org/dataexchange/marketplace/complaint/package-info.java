/**
 * Complaints (数据异议) about a trade and their decisions: the refund a decision gives (taken from the split parties, what
 * they cannot give back owed), and the dispute-outcome outbox that records each outcome on the ledger after the
 * decision commits (and revokes the licence of a full refund).
 *
 * <p>Surface: {@link org.dataexchange.marketplace.complaint.Complaints} (the regulator lists them) and
 * {@link org.dataexchange.marketplace.complaint.DisputeOutcomes} (reconciliation compares them with the ledger).
 */
package org.dataexchange.marketplace.complaint;

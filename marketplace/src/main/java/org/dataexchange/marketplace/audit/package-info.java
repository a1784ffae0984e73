/**
 * The hash-chained audit log: every audited action (sign-ins, listing changes, reviews, order transitions, approvals,
 * deliveries, revocations, regulator queries) appends an entry in its own database transaction; one sealer numbers and
 * hashes committed entries into the chain; the regulator reads and verifies it.
 *
 * <p>Surface: {@link org.dataexchange.marketplace.audit.AuditLog}.
 */
package org.dataexchange.marketplace.audit;

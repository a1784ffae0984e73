/**
 * Credit records (信用) of merchants and buyers: events reported by supervision, complaint decisions, the regulator's
 * decisions and the operator, each with its source; the score by the configured rules ({@code exchange.credit.*},
 * documented in marketplace/README.md); objections (异议) and credit repair (信用修复) decided by the operator; and the
 * gates a low score closes.
 *
 * <p>Surface: {@link org.dataexchange.marketplace.credit.CreditRecord} (record an event, require a score) and
 * {@link org.dataexchange.marketplace.credit.CreditEventKind}. It depends on no other feature but organisations,
 * accounts and the audit log, so any feature may report to it.
 */
package org.dataexchange.marketplace.credit;

/**
 * Billing per period: the round that closes ended periods (a subscription renews as a new order or ends; a month of
 * metered calls is billed as one order), each billed period exactly once, and the bills buyers and merchants see.
 *
 * <p>Owns the table {@code billing_period}. No public surface beyond its HTTP endpoints. Depends on order, delivery
 * (metered usage), catalogue, payment.
 */
package org.dataexchange.marketplace.billing;

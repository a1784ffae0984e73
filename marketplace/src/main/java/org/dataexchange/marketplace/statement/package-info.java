/**
 * Statements true to the books: a merchant's revenue per product and month (its split lines less what refunds took
 * back) and a buyer's spending per month with its orders and certificates. Its surface: the HTTP API and
 * {@link org.dataexchange.marketplace.statement.StatementService} (the merchant console's revenue CSV reads it).
 */
package org.dataexchange.marketplace.statement;

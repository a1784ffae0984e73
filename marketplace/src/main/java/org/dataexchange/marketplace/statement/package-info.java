/**
 * Statements true to the books: a merchant's revenue per product and month (its split lines less what refunds took
 * back) and a buyer's spending per month with its orders and certificates. Only the HTTP API is its surface.
 */
package org.dataexchange.marketplace.statement;

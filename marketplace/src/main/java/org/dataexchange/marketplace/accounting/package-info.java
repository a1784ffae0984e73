/**
 * The licence holder's accounting export (数据资产入表, SPEC §4 "Later capabilities"): the licences its organisation
 * holds (a buyer's, or a merchant's own purchases, never its sales) as data assets, each with its cost, term and a
 * straight-line amortisation per calendar month, as CSV and XLSX, every row carrying the ledger transaction and block
 * the licence was settled in.
 *
 * <p>Depends on order, catalogue, organisation; nothing depends on it. Surface: the HTTP API only.
 */
package org.dataexchange.marketplace.accounting;

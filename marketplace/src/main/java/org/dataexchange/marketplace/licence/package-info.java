/**
 * Licence terms as values: what a licence grants (right, purposes, term, territory, seats, permitted actions and
 * duties), its fixed templates, its ODRL offer and agreement documents, the checks of a use scenario against it, and
 * its summary in plain Chinese and English.
 *
 * <p>It owns no state and depends on no other feature: the catalogue offers these terms with a product, orders agree
 * to them, and settlement writes them into the licence certificate on the ledger. Every type here is surface; limits
 * and ODRL vocabulary constants used only in building and reading the documents are package-private.
 */
package org.dataexchange.marketplace.licence;

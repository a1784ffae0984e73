/**
 * Valuation aid (数据资产评估): comparable trades' prices from the ledger as a distribution, with a product's own price
 * placed in it, for the product sheet and the merchant's editor.
 */
package org.dataexchange.marketplace.valuation;

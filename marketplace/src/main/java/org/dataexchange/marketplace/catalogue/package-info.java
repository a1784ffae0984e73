/**
 * The catalogue: data products from a merchant's first draft to their listing, and what buyers, orders and the
 * regulator see of them.
 *
 * <p>It owns the product and its versions (the uploaded data files and their SHA-256), the product sheet
 * (数据产品说明书) with its licence offer and pricing plans, the listing review against SPEC §6 (negative list,
 * filing, personal-data basis, cross-border as filed), revisions of listed products, the product's and the revision's
 * lifecycle ({@link org.dataexchange.marketplace.catalogue.ProductStatus}; every status change goes through the
 * entity's transition methods and is stored with who and why), the catalogue's ledger writes (a version's registration
 * and the listing status, sent after the deciding commit and retried) and the search index of listed products.
 *
 * <p>Its surface: {@link org.dataexchange.marketplace.catalogue.CatalogueService} (what other features ask: offers,
 * plans, delivery modes, digests, data files, refiling watch), {@link org.dataexchange.marketplace.catalogue.MerchantProducts}
 * and {@link org.dataexchange.marketplace.catalogue.ListingReview} (writing and reviewing products, also driven by the
 * demo data), the HTTP controllers and the documents they answer with. Entities, repositories, the ledger adapter,
 * the rules and the search index are package-private.
 */
package org.dataexchange.marketplace.catalogue;

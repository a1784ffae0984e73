package org.dataexchange.marketplace.catalogue;

import java.util.List;
import org.dataexchange.ledger.product.ClassificationLevel;

/**
 * What a buyer can order of a listed product: its current version, the plans open to that buyer, the licence
 * offer, the classification that decides the gates, and the revenue shares the price is split by; the merchant by
 * its credit code (as the ledger names it) and by its organisation (whose wallet its revenue goes to); a derived
 * product's parent licences, each owed its royalty.
 */
public record ProductOffer(String productId, String version, ClassificationLevel level, boolean crossBorderAllowed,
                           String merchantCreditCode, LicenceOffer licence, List<PricingPlan> plans, int merchantShareBp,
                           List<ProductDetails.Contributor> contributors, int platformFeeBp,
                           String merchantOrgId, List<ProductDetails.ParentLicence> parents) {}

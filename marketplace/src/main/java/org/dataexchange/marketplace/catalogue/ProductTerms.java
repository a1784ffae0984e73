package org.dataexchange.marketplace.catalogue;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.trade.SettlementCurrency;
import org.dataexchange.marketplace.licence.LicenceTerms;
import org.dataexchange.marketplace.licence.LicenceTermsException;
import org.dataexchange.marketplace.licence.LicenceTerritory;
import org.dataexchange.marketplace.licence.OdrlPolicy;
import org.dataexchange.marketplace.licence.PlainWords;
import org.dataexchange.marketplace.organisation.OrganisationKind;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;
import org.dataexchange.marketplace.problem.ApiProblem;

/**
 * A merchant's draft turned into a product's terms, or refused field by field: revenue shares that add up, pricing
 * plans a buyer can be charged by, a licence that is valid and offered as ODRL and in plain words. Also what a change
 * of terms means for filing and for the ledger's registration.
 */
@Singleton
class ProductTerms {

    /** A ≥30% change in volume of a listed product calls for refiling. */
    private static final double REFILING_VOLUME_CHANGE = 0.30;

    private final ProductDocuments documents;
    private final OrganisationDirectory organisations;
    private final ParentLicences parentLicences;

    ProductTerms(ProductDocuments documents, OrganisationDirectory organisations, ParentLicences parentLicences) {
        this.documents = documents;
        this.organisations = organisations;
        this.parentLicences = parentLicences;
    }

    /** A new product of the merchant's organisation, a draft with these terms. */
    Product newDraft(String id, String merchantOrgId, ProductDraft d, Instant now) {
        return build(id, merchantOrgId, d, ProductStatus.DRAFT, null, false, now, now);
    }

    /** The product with the draft's terms instead of its own; its status, version and history stay. */
    Product withTerms(Product base, ProductDraft d, boolean refiling, Instant updated) {
        return build(base.id(), base.merchantOrgId(), d, base.status(), base.currentVersion(), refiling, base.createdAt(),
                updated);
    }

    private Product build(String id, String merchantOrgId, ProductDraft d, ProductStatus status, String currentVersion,
                          boolean refiling, Instant created, Instant updated) {
        int contributorShares = d.contributors().stream().mapToInt(ProductDetails.Contributor::shareBp).sum();
        int total = d.merchantShareBp() + contributorShares + d.platformFeeBp();
        if (total != 10_000) {
            throw ApiProblem.invalidField("merchantShareBp", "revenue shares must add up to 10000 basis points (100%):"
                    + " merchant " + d.merchantShareBp() + " + contributors " + contributorShares + " + platform fee "
                    + d.platformFeeBp() + " = " + total);
        }
        if (d.merchantShareBp() == 0) {
            throw ApiProblem.invalidField("merchantShareBp", "the merchant's share must be positive");
        }
        java.util.Set<String> partyIds = new java.util.HashSet<>();
        for (int i = 0; i < d.contributors().size(); i++) {
            if (!partyIds.add(d.contributors().get(i).partyId().strip())) {
                throw ApiProblem.invalidField("contributors[" + i + "].partyId", "contributor '"
                        + d.contributors().get(i).partyId() + "' is listed twice; give each party one share");
            }
        }
        ProductDetails.Provenance provenance = d.provenance();
        if (provenance.collectedTo() != null && provenance.collectedTo().isBefore(provenance.collectedFrom())) {
            throw ApiProblem.invalidField("provenance.collectedTo", "the collection period ends (" + provenance.collectedTo()
                    + ") before it starts (" + provenance.collectedFrom() + ")");
        }
        String currency = null;
        for (int i = 0; i < d.pricingPlans().size(); i++) {
            PricingPlan plan = d.pricingPlans().get(i);
            validatePlan(plan, "pricingPlans[" + i + "]");
            if (plan.deliveryModes() != null && !d.deliveryModes().containsAll(plan.deliveryModes())
                    || plan.deliversThrough(d.deliveryModes()).isEmpty()) {
                throw ApiProblem.invalidField("pricingPlans[" + i + "].deliveryModes", "a plan delivers through at least one of"
                        + " the product's delivery modes " + d.deliveryModes() + " and through no other");
            }
            if (currency != null && !currency.equals(plan.currency())) {
                throw ApiProblem.invalidField("pricingPlans[" + i + "].currency", "all plans of a product use one currency");
            }
            currency = plan.currency();
        }
        if (d.pricingPlans().stream().map(PricingPlan::id).distinct().count() != d.pricingPlans().size()) {
            throw ApiProblem.invalidField("pricingPlans", "plan ids must be unique within a product");
        }
        LicenceOffer licence;
        try {
            LicenceTerms terms = d.licence().terms();
            Map<String, Object> odrl = OdrlPolicy.offer("urn:dx:offer:" + id, "urn:dx:product:" + id,
                    "urn:dx:org:" + merchantOrgId, terms);
            licence = new LicenceOffer(d.licence().template(), terms, odrl, PlainWords.summaryZh(terms), PlainWords.summaryEn(terms));
        } catch (LicenceTermsException e) {
            throw ApiProblem.invalidField("licence." + e.field(), e.getMessage());
        }
        if (licence.terms().territory() == LicenceTerritory.CROSS_BORDER
                && !d.crossBorderAllowed()) {
            throw ApiProblem.invalidField("licence.territory", "a cross-border licence needs the product to allow"
                    + " cross-border trade (crossBorderAllowed)");
        }
        java.util.List<ProductDetails.ParentLicence> parents = parentLicences.resolve(merchantOrgId, d.parentCertificates());
        if (parents != null) {
            ParentLicences.requirePayable(parents, d.merchantShareBp(), contributorShares, d.platformFeeBp());
        }
        ProductDetails details = new ProductDetails(d.provenance(), d.contributors(), d.merchantShareBp(),
                d.platformFeeBp(), d.schema(), d.sampleRows(), d.quality(), d.filing(), d.personalData(), licence,
                d.pricingPlans(), null, parents);
        long minPrice = d.pricingPlans().stream().filter(pl -> pl.kind() != PricingPlan.Kind.PRIVATE_OFFER)
                .mapToLong(PricingPlan::entryPriceMinor).min().orElse(Long.MAX_VALUE);
        return new Product(id, merchantOrgId, d.title().trim(), d.description().trim(), d.titleEnOrEmpty(),
                d.descriptionEnOrEmpty(), String.join(" ", d.tags()),
                d.industry(), d.sourceType(), d.classificationLevel(), d.category().trim(),
                String.join(",", d.deliveryModes().stream().map(Enum::name).sorted().toList()), d.crossBorderAllowed(),
                documents.write(details), status, d.classificationLevel() == ClassificationLevel.CORE, refiling, currentVersion,
                minPrice == Long.MAX_VALUE ? null : minPrice, currency, created, updated);
    }

    void validatePlan(PricingPlan plan, String field) {
        if (!SettlementCurrency.CODES.contains(plan.currency())) {
            throw ApiProblem.invalidField(field + ".currency", "'" + plan.currency() + "' is not a settlement currency; use one"
                    + " of " + SettlementCurrency.CODES.stream().sorted().toList());
        }
        switch (plan.kind()) {
            case ONE_OFF, PRIVATE_OFFER -> {
                if (plan.priceMinor() <= 0) {
                    throw ApiProblem.invalidField(field + ".priceMinor", "a price in minor units (fen) above 0 is required");
                }
                if (plan.kind() == PricingPlan.Kind.PRIVATE_OFFER) {
                    if (plan.buyerCreditCode() == null || organisations.holderOf(plan.buyerCreditCode()).flatMap(organisations::find)
                            .filter(o -> o.kind() == OrganisationKind.BUYER).isEmpty()) {
                        throw ApiProblem.invalidField(field + ".buyerCreditCode", "a private offer names a buyer organisation"
                                + " registered on the exchange by its credit code");
                    }
                }
            }
            case SUBSCRIPTION -> {
                if (plan.priceMinor() <= 0 || plan.period() == null) {
                    throw ApiProblem.invalidField(field + ".period", "a subscription needs a price above 0 and a period");
                }
            }
            case METERED -> {
                if (plan.unitPriceMinor() <= 0) {
                    throw ApiProblem.invalidField(field + ".unitPriceMinor", "metered access needs a unit price above 0");
                }
            }
        }
    }

    /** A filed field or the volume (by 30% or more) changed: the product needs refiling (备案变更, SPEC §6). */
    boolean needsRefiling(Product current, ProductDraft draft) {
        ProductDetails d = documents.details(current);
        boolean filedFieldChanged = current.classificationLevel() != draft.classificationLevel()
                || !current.category().equals(draft.category().trim()) || current.sourceType() != draft.sourceType()
                || current.crossBorderAllowed() != draft.crossBorderAllowed()
                || !Objects.equals(d.filing(), draft.filing());
        long before = d.provenance().volumeRecords();
        long after = draft.provenance().volumeRecords();
        boolean volumeChanged = before == 0 ? after > 0 : Math.abs(after - before) >= REFILING_VOLUME_CHANGE * before;
        return filedFieldChanged || volumeChanged;
    }

    /** What the ledger registered of a version changed: it must be registered again, as a new version. */
    boolean registrationChanged(Product listed, Product proposed) {
        ProductDetails a = documents.details(listed);
        ProductDetails b = documents.details(proposed);
        return listed.classificationLevel() != proposed.classificationLevel()
                || !listed.category().equals(proposed.category()) || listed.sourceType() != proposed.sourceType()
                || listed.industry() != proposed.industry() || listed.crossBorderAllowed() != proposed.crossBorderAllowed()
                || !Objects.equals(a.filing() == null ? null : a.filing().reference(),
                        b.filing() == null ? null : b.filing().reference())
                || !Objects.equals(a.personalData(), b.personalData())
                || !a.parentLicences().equals(b.parentLicences());
    }

}

package org.dataexchange.marketplace.catalogue;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dataexchange.marketplace.licence.LicensedAction;
import org.dataexchange.marketplace.organisation.Organisation;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.marketplace.problem.ProblemType;

/**
 * The parents of derived products: the licences a merchant declares it derived a product under, resolved from the
 * licences its organisation holds ({@link HeldLicences}) when it writes the draft, and checked again at review, when
 * they must still be held, in force, and allow deriving and the sale of what is derived.
 */
@Singleton
public class ParentLicences {

    static final int MAX_PARENTS = 16;

    // A provider: the order feature answers it, and orders depend on the catalogue.
    private final jakarta.inject.Provider<HeldLicences> heldLicences;
    private final CatalogueRepositories.Products products;
    private final OrganisationDirectory organisations;

    ParentLicences(jakarta.inject.Provider<HeldLicences> heldLicences, CatalogueRepositories.Products products,
                   OrganisationDirectory organisations) {
        this.heldLicences = heldLicences;
        this.products = products;
        this.organisations = organisations;
    }

    /**
     * One parent licence as the operator's review sees it: what it is, the royalty it takes, and each check (held by
     * the merchant, in force now, permits deriving, permits selling or distributing what is derived).
     */
    @io.micronaut.serde.annotation.Serdeable
    public record Check(String certificateId, String productId, String productTitle, String productTitleEn,
                        String merchantName, int royaltyBp, boolean held, boolean inForce, boolean derive,
                        boolean resale) {

        public boolean passed() {
            return held && inForce && derive && resale;
        }

        /** The checks this licence fails, in a stable order (a licence not held fails that one only). */
        public List<Failure> failures() {
            if (!held) {
                return List.of(Failure.NOT_HELD);
            }
            List<Failure> failed = new ArrayList<>();
            if (!inForce) failed.add(Failure.NOT_IN_FORCE);
            if (!derive) failed.add(Failure.NO_DERIVE);
            if (!resale) failed.add(Failure.NO_RESALE);
            return failed;
        }
    }

    /**
     * A parent licence's failed check, as a stable code the consoles translate: not held by the merchant, revoked or
     * out of term, deriving not permitted, selling or distributing what is derived not permitted.
     */
    public enum Failure { NOT_HELD, NOT_IN_FORCE, NO_DERIVE, NO_RESALE }

    /**
     * A licence the merchant's organisation holds that allows deriving: what its editor offers as a parent, with the
     * royalty a derived product's sales would owe and whether the licence also allows selling what is derived.
     */
    @io.micronaut.serde.annotation.Serdeable
    public record Choice(String certificateId, String orderId, String productId, String productTitle,
                         String productTitleEn, String merchantName, int royaltyBp, boolean resale,
                         Instant from, @Nullable Instant until, boolean inForce) {}

    /** The licences the organisation holds that permit deriving, newest first. */
    public List<Choice> derivable(String merchantOrgId) {
        Instant now = Instant.now();
        List<Choice> out = new ArrayList<>();
        for (HeldLicences.HeldLicence l : heldLicences.get().heldBy(merchantOrgId)) {
            if (!l.terms().permittedActions().contains(LicensedAction.DERIVE)) {
                continue;
            }
            Product parent = products.findById(l.productId()).orElse(null);
            if (parent == null) {
                continue;
            }
            out.add(new Choice(l.certificateId(), l.orderId(), l.productId(), parent.title(), parent.titleEn(),
                    organisations.find(parent.merchantOrgId()).map(Organisation::name).orElse(""),
                    l.terms().royaltyShareBp(), l.terms().allowsDerivedResale(), l.from(), l.until(), l.inForceAt(now)));
        }
        return out;
    }

    /**
     * The draft's parent certificates resolved to parent licences, or a 400 naming the entry at fault: one the
     * organisation does not hold, one that does not permit deriving, one named twice. Null for none.
     */
    @Nullable
    List<ProductDetails.ParentLicence> resolve(String merchantOrgId, @Nullable List<String> certificateIds) {
        if (certificateIds == null || certificateIds.isEmpty()) {
            return null;
        }
        if (certificateIds.size() > MAX_PARENTS) {
            throw ApiProblem.invalidField("parentCertificates", "a product is derived from at most " + MAX_PARENTS
                    + " parent licences");
        }
        Map<String, HeldLicences.HeldLicence> mine = heldLicences.get().heldBy(merchantOrgId).stream()
                .collect(Collectors.toMap(HeldLicences.HeldLicence::certificateId, Function.identity(), (a, b) -> a));
        Set<String> seen = new HashSet<>();
        List<ProductDetails.ParentLicence> parents = new ArrayList<>();
        for (int i = 0; i < certificateIds.size(); i++) {
            String field = "parentCertificates[" + i + "]";
            String id = certificateIds.get(i) == null ? "" : certificateIds.get(i).strip();
            if (!seen.add(id)) {
                throw ApiProblem.invalidField(field, "licence " + id + " is named twice");
            }
            HeldLicences.HeldLicence licence = mine.get(id);
            if (licence == null) {
                throw ApiProblem.invalidField(field, "your organisation holds no licence with certificate '" + id
                        + "'; a parent is a licence it bought, by the certificate id of that order");
            }
            if (!licence.terms().permittedActions().contains(LicensedAction.DERIVE)) {
                throw ApiProblem.invalidField(field, "licence " + id + " does not permit deriving products from the data");
            }
            Product parent = products.findById(licence.productId()).orElseThrow(() -> ApiProblem.invalidField(field,
                    "the product licensed by " + id + " is no longer in the catalogue"));
            Organisation seller = organisations.find(parent.merchantOrgId()).orElseThrow();
            parents.add(new ProductDetails.ParentLicence(id, licence.orderId(), parent.id(), parent.title(), parent.titleEn(),
                    seller.id(), seller.name(), seller.creditCode(), licence.terms().royaltyShareBp()));
        }
        return parents;
    }

    /** As {@link #resolve}, but a draft that no longer resolves shows no parents (its review refuses it anyway). */
    List<ProductDetails.ParentLicence> resolveOrNone(String merchantOrgId, @Nullable List<String> certificateIds) {
        try {
            List<ProductDetails.ParentLicence> parents = resolve(merchantOrgId, certificateIds);
            return parents == null ? null : parents;
        } catch (ApiProblem unresolved) {
            return null;
        }
    }

    /**
     * Refuses (400, {@code royalties-exceed-price}) parents whose royalties the merchant's share cannot pay: the
     * royalties come out of the merchant's share, so with the contributors' shares and the platform fee they may sum
     * to at most the whole price.
     */
    static void requirePayable(List<ProductDetails.ParentLicence> parents, int merchantShareBp, int contributorsBp,
                               int platformFeeBp) {
        int royalties = parents.stream().mapToInt(ProductDetails.ParentLicence::royaltyBp).sum();
        if (royalties > merchantShareBp) {
            throw ApiProblem.ofField(ProblemType.ROYALTIES_EXCEED_PRICE, "Royalties exceed the price", "parentCertificates",
                    "the parents' royalties (" + royalties + " basis points) with the contributors' shares ("
                            + contributorsBp + ") and the platform fee (" + platformFeeBp + ") come to "
                            + (royalties + contributorsBp + platformFeeBp) + " basis points, more than the price (10000);"
                            + " the royalties are paid from the merchant's share of " + merchantShareBp);
        }
    }

    /** Each parent checked as the review checks it, now. */
    List<Check> checks(String merchantOrgId, List<ProductDetails.ParentLicence> parents) {
        if (parents.isEmpty()) {
            return List.of();
        }
        Instant now = Instant.now();
        Map<String, HeldLicences.HeldLicence> mine = heldLicences.get().heldBy(merchantOrgId).stream()
                .collect(Collectors.toMap(HeldLicences.HeldLicence::certificateId, Function.identity(), (a, b) -> a));
        List<Check> checks = new ArrayList<>();
        for (ProductDetails.ParentLicence p : parents) {
            HeldLicences.HeldLicence l = mine.get(p.certificateId());
            checks.add(new Check(p.certificateId(), p.productId(), p.productTitle(), p.productTitleEn(), p.merchantName(),
                    p.royaltyBp(), l != null, l != null && l.inForceAt(now),
                    l != null && l.terms().permittedActions().contains(LicensedAction.DERIVE),
                    l != null && l.terms().allowsDerivedResale()));
        }
        return checks;
    }

    /** Refuses the approval (409, {@code parent-licence-unusable}) of a product with a parent that fails a check. */
    void requireUsable(String merchantOrgId, List<ProductDetails.ParentLicence> parents) {
        for (Check c : checks(merchantOrgId, parents)) {
            if (!c.passed()) {
                List<String> failed = new ArrayList<>();
                if (!c.held()) failed.add("not held by the merchant");
                if (c.held() && !c.inForce()) failed.add("revoked or out of term");
                if (c.held() && !c.derive()) failed.add("deriving not permitted");
                if (c.held() && !c.resale()) failed.add("selling or distributing what is derived not permitted");
                throw ApiProblem.of(ProblemType.PARENT_LICENCE_UNUSABLE, "Parent licence unusable", "parent licence "
                        + c.certificateId() + " (" + c.productTitle() + "): " + String.join(", ", failed)
                        + "; reject the product with that reason");
            }
        }
    }
}

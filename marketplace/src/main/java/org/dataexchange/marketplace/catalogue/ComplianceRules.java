package org.dataexchange.marketplace.catalogue;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.SourceType;
import org.dataexchange.marketplace.problem.ApiProblem;

/**
 * The compliance rules of SPEC §6 a product must meet to enter review and to pass it: filing for important and core
 * data, a basis for personal data, raw public data kept in the domain (原始数据不出域); and at review, nothing of the
 * negative list and cross-border trade only as filed.
 */
final class ComplianceRules {

    /**
     * One rule applied to one product: whether it applies at all, whether the product meets it, the product's field it
     * concerns, what is missing when it is not met, and what the rule found (the filing reference, the personal-data
     * basis, the delivery modes). The operator's review dossier shows these, so it states no rule of its own.
     */
    record Check(ReviewDossier.Rule rule, boolean applies, boolean met, String field, String message, List<String> found) {

        /** Unmet and applicable: submission and approval are refused with {@link #message}. */
        boolean failed() {
            return applies && !met;
        }
    }

    /** One unmet rule: the field of the product it concerns and what is missing. */
    record Problem(ReviewDossier.Rule rule, String field, String message) {}

    private ComplianceRules() {}

    /**
     * The rules a product's terms must meet, in the order a merchant is told them: filing for important and core data,
     * a basis for personal data, raw public data kept in the domain, and cross-border trade only as filed.
     */
    static List<Check> checks(ClassificationLevel level, SourceType source, Collection<DeliveryMode> modes,
                              boolean crossBorderAllowed, ProductDetails d) {
        ProductDetails.FilingRecord filing = d.filing();
        List<String> filed = filing == null ? List.of() : List.of(filing.reference());
        ProductDetails.PersonalDataBasis basis = d.personalData();
        return List.of(
                new Check(ReviewDossier.Rule.FILING_RECORD, level != ClassificationLevel.GENERAL, filing != null, "filing",
                        level + " data needs a filing record (备案): source, category, level, scale, purpose, scope,"
                                + " responsible party, sharing, cross-border and protections", filed),
                new Check(ReviewDossier.Rule.PERSONAL_DATA_BASIS, source == SourceType.PERSONAL, basis != null,
                        "personalData", "personal data needs a recorded consent basis or an anonymisation attestation",
                        basis == null ? List.of() : List.of(basis.kind().name(), basis.reference())),
                new Check(ReviewDossier.Rule.RAW_PUBLIC_DATA, source == SourceType.PUBLIC,
                        !modes.contains(DeliveryMode.FILE_DOWNLOAD), "deliveryModes", "raw public data is offered only"
                                + " through the query sandbox or an API (原始数据不出域), not as a file download",
                        modes.stream().sorted().map(Enum::name).toList()),
                new Check(ReviewDossier.Rule.CROSS_BORDER_FILED, crossBorderAllowed && filing != null,
                        filing != null && filing.crossBorder(), "crossBorderAllowed", "the product allows cross-border"
                                + " trade but its filing record (备案 " + (filing == null ? "" : filing.reference())
                                + ") says the data does not go abroad; the filing must declare cross-border provision"
                                + " before such trade is approved (reject it with that reason)", filed));
    }

    static List<Check> checks(Product p, ProductDetails d) {
        return checks(p.classificationLevel(), p.sourceType(), modes(p), p.crossBorderAllowed(), d);
    }

    static List<DeliveryMode> modes(Product p) {
        return Arrays.stream(p.deliveryModes().split(",")).map(DeliveryMode::valueOf).sorted().toList();
    }

    /** The rules a merchant must meet before submitting (all but cross-border, which the review decides). */
    static List<Problem> problems(Product p, ProductDetails d) {
        return checks(p, d).stream().filter(c -> c.rule() != ReviewDossier.Rule.CROSS_BORDER_FILED && c.failed())
                .map(c -> new Problem(c.rule(), c.field(), c.message())).toList();
    }

    /** Refuses a submission that does not meet the rules, naming the first unmet one's field (a 400). */
    static void requireSubmittable(Product p, ProductDetails d) {
        problems(p, d).stream().findFirst().ifPresent(problem -> {
            throw ApiProblem.invalidField(problem.field(), problem.message());
        });
    }

    /** SPEC §6 checks of what the operator approves: negative list, compliance, cross-border as filed (a 409 each). */
    static void requireReviewPassed(Product p, ProductDetails d) {
        List<String> banned = NegativeList.hits(p.title() + " " + p.titleEn(), p.description() + " " + p.descriptionEn(), p.tags(), p.category(),
                d.schema().stream().map(f -> f.name() + " " + f.description()).reduce("", String::concat));
        if (!banned.isEmpty()) {
            throw ApiProblem.conflict("On the negative list", "the product contains items that may not be listed ("
                    + String.join(", ", banned) + "); reject it with that reason");
        }
        checks(p, d).stream().filter(Check::failed).findFirst().ifPresent(check -> {
            throw ApiProblem.conflict(check.rule() == ReviewDossier.Rule.CROSS_BORDER_FILED
                    ? "Cross-border trade not filed" : "Compliance incomplete", check.message());
        });
    }
}

package org.dataexchange.marketplace.catalogue;

import java.util.ArrayList;
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

    /** One unmet rule: the field of the product it concerns and what is missing. */
    record Problem(String field, String message) {}

    private ComplianceRules() {}

    /** The rules the product does not meet yet, in the order a merchant is told them. */
    static List<Problem> problems(Product p, ProductDetails d) {
        List<Problem> problems = new ArrayList<>();
        if (p.classificationLevel() != ClassificationLevel.GENERAL && d.filing() == null) {
            problems.add(new Problem("filing", p.classificationLevel() + " data needs a filing record (备案): source,"
                    + " category, level, scale, purpose, scope, responsible party, sharing, cross-border and protections"));
        }
        if (p.sourceType() == SourceType.PERSONAL && d.personalData() == null) {
            problems.add(new Problem("personalData", "personal data needs a recorded consent basis or an anonymisation"
                    + " attestation"));
        }
        if (p.sourceType() == SourceType.PUBLIC && p.deliveryModes().contains(DeliveryMode.FILE_DOWNLOAD.name())) {
            problems.add(new Problem("deliveryModes", "raw public data is offered only through the query sandbox or"
                    + " an API (原始数据不出域), not as a file download"));
        }
        return problems;
    }

    /** Refuses a submission that does not meet the rules, naming the first unmet one's field (a 400). */
    static void requireSubmittable(Product p, ProductDetails d) {
        problems(p, d).stream().findFirst().ifPresent(problem -> {
            throw ApiProblem.invalidField(problem.field(), problem.message());
        });
    }

    /** SPEC §6 checks of what the operator approves: negative list, compliance, cross-border as filed (a 409 each). */
    static void requireReviewPassed(Product p, ProductDetails d) {
        List<String> banned = NegativeList.hits(p.title(), p.description(), p.tags(), p.category(),
                d.schema().stream().map(f -> f.name() + " " + f.description()).reduce("", String::concat));
        if (!banned.isEmpty()) {
            throw ApiProblem.conflict("On the negative list", "the product contains items that may not be listed ("
                    + String.join(", ", banned) + "); reject it with that reason");
        }
        problems(p, d).stream().findFirst().ifPresent(problem -> {
            throw ApiProblem.conflict("Compliance incomplete", problem.message());
        });
        if (p.crossBorderAllowed() && d.filing() != null && !d.filing().crossBorder()) {
            throw ApiProblem.conflict("Cross-border trade not filed", "the product allows cross-border trade but its"
                    + " filing record (备案 " + d.filing().reference() + ") says the data does not go abroad; the filing"
                    + " must declare cross-border provision before such trade is approved (reject it with that reason)");
        }
    }
}

package org.dataexchange.marketplace.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dataexchange.marketplace.catalogue.PricingPlan;
import org.dataexchange.marketplace.licence.LicenceTerms;
import org.dataexchange.marketplace.settlement.RevenueSplit;

/**
 * What an order agreed: the scenario, the licence, the ODRL agreement, the split, the gates' evidence and the pricing
 * plan as it was bought (a later approved change of the product's plans does not reprice the order; null on orders
 * placed before plans were kept here).
 */
@Serdeable
public record OrderDetails(
        Scenario scenario,
        String buyerLocation,
        boolean crossBorder,
        String classificationLevel,
        LicenceTerms terms,
        Map<String, Object> agreement,
        List<RevenueSplit.Line> split,
        Gates gates,
        @Nullable PricingPlan plan) {

    /** The use scenario (无场景不交易): purpose and place of use. */
    @Serdeable
    public record Scenario(String purpose, String location) {}

    /** Evidence for the compliance gates of SPEC §6. */
    @Serdeable
    public record Gates(boolean regulatorApprovalRequired, @Nullable String regulatorApprovalRef,
                        @Nullable String securityAgreementHash, @Nullable Instant securityAgreementAcceptedAt,
                        @Nullable String exportAssessmentRef) {

        Gates approved(String reference) {
            return new Gates(regulatorApprovalRequired, reference, securityAgreementHash, securityAgreementAcceptedAt,
                    exportAssessmentRef);
        }
    }

    OrderDetails withGates(Gates newGates) {
        return new OrderDetails(scenario, buyerLocation, crossBorder, classificationLevel, terms, agreement, split, newGates,
                plan);
    }
}

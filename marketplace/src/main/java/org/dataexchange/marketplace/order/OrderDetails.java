package org.dataexchange.marketplace.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dataexchange.marketplace.catalogue.PricingPlan;
import org.dataexchange.marketplace.licence.LicenceTerms;

/**
 * What an order agreed: the scenario, the licence, the ODRL agreement, the split, the gates' evidence and the pricing
 * plan as it was bought (a later approved change of the product's plans does not reprice the order; null on orders
 * placed before plans were kept here); for a subscription, its period; for a recurring charge (a renewal, a month of
 * metered calls), the licence window it pays for.
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
        @Nullable PricingPlan plan,
        @Nullable PricingPlan.Period subscriptionPeriod,
        @Nullable LicenceWindow licenceWindow) {

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

    /** The licence's term for an order paid at {@code paidAt}: its window, its subscription period, or its licence term. */
    public LicenceWindow termFrom(Instant paidAt) {
        if (licenceWindow != null) {
            return licenceWindow;
        }
        if (subscriptionPeriod != null) {
            return LicenceWindow.of(paidAt, subscriptionPeriod);
        }
        return new LicenceWindow(paidAt, paidAt.plus(java.time.Duration.ofDays(terms.termDays())));
    }

    OrderDetails withGates(Gates newGates) {
        return new OrderDetails(scenario, buyerLocation, crossBorder, classificationLevel, terms, agreement, split, newGates,
                plan, subscriptionPeriod, licenceWindow);
    }

    /** The same agreement for a recurring charge: its own split of the amount and the window it pays for. */
    OrderDetails forCharge(List<RevenueSplit.Line> newSplit, LicenceWindow window) {
        return new OrderDetails(scenario, buyerLocation, crossBorder, classificationLevel, terms, agreement, newSplit, gates,
                plan, null, window);
    }
}

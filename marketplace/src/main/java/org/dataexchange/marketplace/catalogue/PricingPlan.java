package org.dataexchange.marketplace.catalogue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import org.dataexchange.marketplace.Money;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A way to pay for a product, in integer minor units (fen) of {@code currency}.
 *
 * <ul>
 *   <li>ONE_OFF: {@code priceMinor} once for the licence term;</li>
 *   <li>SUBSCRIPTION: {@code priceMinor} per {@code period};</li>
 *   <li>METERED: {@code freeUnits} calls a month free, then {@code unitPriceMinor} per call, at most
 *       {@code monthlyCapMinor} a month (0 = no cap);</li>
 *   <li>PRIVATE_OFFER: {@code priceMinor} once, only for the buyer organisation with credit code
 *       {@code buyerCreditCode} (matching: a buyer's need answered by a merchant).</li>
 * </ul>
 * {@code deliveryModes}, when given, are the product's delivery modes this plan delivers through (say, a cheaper
 * plan with files only); when absent the plan delivers through every mode of the product, except that a metered
 * plan, billed per call, delivers only calls (metered API calls or sandbox queries).
 */
@Serdeable
public record PricingPlan(
        @NotBlank @Size(max = 40) String id,
        @NotNull Kind kind,
        @NotBlank @Size(max = 3) String currency,
        @PositiveOrZero @Max(Money.MAX_MINOR) long priceMinor,
        @Nullable Period period,
        @PositiveOrZero @Max(Money.MAX_MINOR) long freeUnits,
        @PositiveOrZero @Max(Money.MAX_MINOR) long unitPriceMinor,
        @PositiveOrZero @Max(Money.MAX_MINOR) long monthlyCapMinor,
        @Nullable @Size(max = 18) String buyerCreditCode,
        @Nullable java.util.Set<DeliveryMode> deliveryModes) {

    public enum Kind { ONE_OFF, SUBSCRIPTION, METERED, PRIVATE_OFFER }

    public enum Period { MONTH, QUARTER, YEAR }

    /** The modes an order under this plan is delivered through, of the product's {@code productModes}. */
    public java.util.Set<DeliveryMode> deliversThrough(java.util.Collection<DeliveryMode> productModes) {
        java.util.EnumSet<DeliveryMode> modes = java.util.EnumSet.noneOf(DeliveryMode.class);
        modes.addAll(productModes);
        if (deliveryModes != null) {
            modes.retainAll(deliveryModes);
        } else if (kind == Kind.METERED) {
            modes.retainAll(java.util.Set.of(DeliveryMode.METERED_API, DeliveryMode.QUERY_SANDBOX));
        }
        return modes;
    }

    /** The lowest amount a buyer can pay under this plan, for price filters and sorting. */
    public long entryPriceMinor() {
        return kind == Kind.METERED ? unitPriceMinor : priceMinor;
    }
}

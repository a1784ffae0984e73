package org.dataexchange.marketplace.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A buyer's order: the product and plan, the use scenario (purpose and place of use, 无场景不交易), where the
 * buyer is, and the gates' evidence the buyer supplies (acceptance of the data-security agreement, the export
 * assessment reference). The price always comes from the plan.
 */
@Serdeable
public record PlaceOrder(
        @NotBlank String productId,
        @NotBlank String planId,
        @NotNull @Valid Scenario scenario,
        @NotBlank @Pattern(regexp = "[A-Z]{2}(-[A-Z0-9]{1,3})?", message = "use an ISO 3166 code such as CN or CN-SH")
        String buyerLocation,
        boolean securityAgreementAccepted,
        @Nullable @Size(max = 128) String exportAssessmentRef) {

    @Serdeable
    public record Scenario(@NotBlank @Size(max = 200) String purpose,
                           @NotBlank @Pattern(regexp = "[A-Z]{2}(-[A-Z0-9]{1,3})?",
                                   message = "use an ISO 3166 code such as CN or CN-SH") String location) {}
}

package org.dataexchange.marketplace.matching;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.marketplace.Money;
import org.dataexchange.marketplace.catalogue.DeliveryMode;
import org.dataexchange.marketplace.catalogue.Industry;
import org.dataexchange.marketplace.order.OrderView;

/** Matching's requests and answers as the API reads and writes them. */
public final class MatchingViews {

    private MatchingViews() {}

    /** The use scenario (无场景不交易): what the data is for and where it is used; the order placed on acceptance has it. */
    @Serdeable
    public record Scenario(@NotBlank @Size(max = 200) String purpose,
                          @NotBlank @Pattern(regexp = "[A-Z]{2}(-[A-Z0-9]{1,3})?",
                                  message = "use an ISO 3166 code such as CN or CN-SH") String location) {}

    /** What the buyer is willing to pay, in minor units (fen) of {@code currency}. */
    @Serdeable
    public record Budget(@PositiveOrZero @Max(Money.MAX_MINOR) long minMinor, @PositiveOrZero @Max(Money.MAX_MINOR) long maxMinor,
                         @NotBlank @Size(max = 3) String currency) {}

    /** A buyer's need as posted. */
    @Serdeable
    public record PostNeed(@NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 4000) String description,
                           @NotNull Industry industry, @NotNull @Valid Scenario scenario, @NotNull @Valid Budget budget,
                           @NotNull Instant deadline, @NotEmpty @Size(max = 3) Set<ClassificationLevel> acceptableClassifications) {}

    /** A merchant's answer: a private offer on one of its listed products, at a price for the licence term. */
    @Serdeable
    public record AnswerNeed(@NotBlank @Size(max = 36) String productId, @Positive @Max(Money.MAX_MINOR) long priceMinor,
                             @Nullable @Size(max = 1000) String note, @Nullable @Size(max = 4) Set<DeliveryMode> deliveryModes) {}

    /** The buyer's acceptance: what the order needs beyond the need's scenario (the gates' evidence, as for any order). */
    @Serdeable
    public record AcceptAnswer(@NotBlank @Pattern(regexp = "[A-Z]{2}(-[A-Z0-9]{1,3})?",
                                       message = "use an ISO 3166 code such as CN or CN-SH") String buyerLocation,
                               boolean securityAgreementAccepted, @Nullable @Size(max = 128) String exportAssessmentRef) {}

    @Serdeable
    public record NeedView(String id, String title, String description, Industry industry, Scenario scenario, Budget budget,
                           Instant deadline, List<ClassificationLevel> acceptableClassifications, NeedState state,
                           String buyerName, int answers, @Nullable String acceptedAnswerId, @Nullable String orderId,
                           @Nullable String closedReason, Instant createdAt) {}

    /** An answer as the buyer compares it with the others: the product, its licence in plain words, the price. */
    @Serdeable
    public record AnswerView(String id, String needId, String merchantOrganisationId, String merchantName, String productId,
                             String productTitle, ClassificationLevel classificationLevel, Industry industry,
                             List<DeliveryMode> deliveryModes, String planId, long priceMinor, String currency,
                             boolean withinBudget, @Nullable Long publicPriceMinor, @Nullable String licenceSummaryZh,
                             @Nullable String licenceSummaryEn, String note, AnswerState state, @Nullable String orderId,
                             Instant createdAt) {}

    @Serdeable
    public record NeedPage(List<NeedView> content, long totalSize, int page, int size) {}

    @Serdeable
    public record NeedWithAnswers(NeedView need, List<AnswerView> answers) {}

    @Serdeable
    public record Accepted(NeedView need, AnswerView answer, OrderView order) {}
}

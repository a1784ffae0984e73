package org.dataexchange.marketplace.offvenue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.dataexchange.ledger.offvenue.OffVenuePlanKind;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.marketplace.Money;
import org.dataexchange.marketplace.catalogue.Industry;

/** Off-venue deals' requests and answers as the API reads and writes them. */
public final class OffVenueViews {

    private OffVenueViews() {}

    /** A price: whole minor units (fen) of a settlement currency. */
    @Serdeable
    public record Price(@Positive @Max(Money.MAX_MINOR) long amountMinor, @NotBlank @Size(max = 3) String currency) {}

    /**
     * A deal as one party registers it: the other party by its unified social credit code (a registered organisation of
     * the other kind: a merchant names its buyer, a buyer its merchant), the product by a title and the SHA-256 of the
     * data or of its description, the price, the licence in a summary, the use scenario and the day of the deal.
     */
    @Serdeable
    public record RegisterDeal(@NotBlank @Size(max = 18) String counterpartyCreditCode,
                               @NotBlank @Size(max = 200) String productTitle,
                               @NotNull @Pattern(regexp = "[0-9a-f]{64}", message = "a SHA-256 digest in 64 lower-case hex digits") String productDigest,
                               @NotNull Industry industry, @NotNull ClassificationLevel classification,
                               @NotNull OffVenuePlanKind planKind, @NotNull @Valid Price price,
                               @NotBlank @Size(max = 1000) String licenceSummary, @NotBlank @Size(max = 500) String scenario,
                               @NotNull LocalDate dealDate) {}

    /** Why a party declines or the operator rejects. */
    @Serdeable
    public record Reason(@NotBlank @Size(max = 500) String reason) {}

    /** A party of a deal as the parties and the operator see it. */
    @Serdeable
    public record Party(String organisationId, String name, String creditCode) {}

    /**
     * A deal as its parties and the operator see it. {@code awaiting} says whose move it is: {@code COUNTERPARTY} (the
     * party that did not register it), {@code OPERATOR}, {@code LEDGER} (verified, being written), or null when final.
     */
    @Serdeable
    public record DealView(String id, OffVenueState state, @Nullable String awaiting, Party merchant, Party buyer,
                           String registeredBySide, String registeredBy, String productTitle, String productDigest,
                           Industry industry, ClassificationLevel classification, OffVenuePlanKind planKind, Price price,
                           String licenceSummary, String scenario, LocalDate dealDate, @Nullable String confirmedBy,
                           @Nullable Instant confirmedAt, @Nullable String decidedBy, @Nullable String decisionReason,
                           @Nullable Instant decidedAt, int ledgerAttempts, @Nullable String lastLedgerError,
                           @Nullable String transactionId, @Nullable Instant recordedAt, Instant createdAt,
                           Instant updatedAt) {}

    /** An off-venue deal as the ledger holds it, with the parties' names the books know and its block. */
    @Serdeable
    public record LedgerDealView(String dealId, String venue, String productDigest, String industry,
                                 ClassificationLevel classification, OffVenuePlanKind planKind, String merchantId,
                                 @Nullable String merchantName, String buyerId, @Nullable String buyerName, long amountMinor,
                                 String currency, String licenceSummary, String scenario, String dealDate, String verifiedBy,
                                 Instant recordedAt, String transactionId, long blockNumber) {}

    /** A count and a value. */
    @Serdeable
    public record Bucket(String key, long deals, long valueMinor) {}

    /** The off-venue deals on the ledger and their totals, counted apart from the exchange's trades. */
    @Serdeable
    public record LedgerDeals(List<LedgerDealView> deals, long totalDeals, long totalValueMinor, List<Bucket> perIndustry,
                              List<Bucket> perClassification, List<Bucket> perPlanKind) {}
}

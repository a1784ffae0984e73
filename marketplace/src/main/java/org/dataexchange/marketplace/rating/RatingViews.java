package org.dataexchange.marketplace.rating;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** Ratings' requests and answers as the API reads and writes them. */
public final class RatingViews {

    private RatingViews() {}

    @Serdeable
    public record Rate(@Min(1) @Max(5) int stars, @Nullable @Size(max = 500) String text) {}

    @Serdeable
    public record Text(@NotBlank @Size(max = 500) String text) {}

    @Serdeable
    public record Reason(@NotBlank @Size(max = 500) String reason) {}

    /** A rating as the product sheet shows it: no buyer is named. */
    @Serdeable
    public record PublicRating(String id, int stars, String text, @Nullable String reply, @Nullable Instant repliedAt,
                               Instant createdAt) {}

    /** The sheet's ratings: the average (one decimal) and count of the shown ones, newest first. */
    @Serdeable
    public record ProductRatings(String productId, @Nullable Double average, int count, List<PublicRating> ratings) {}

    /** A rating as its parties and the operator see it: with its order, moderation and reports. */
    @Serdeable
    public record RatingView(String id, String orderId, String productId, String productTitle, int stars, String text,
                             @Nullable String reply, @Nullable Instant repliedAt, Moderation moderation, boolean held,
                             boolean shown, @Nullable String moderationNote, List<Report> reports, Instant createdAt) {}

    @Serdeable
    public record Report(String reporter, String role, String reason, Instant at) {}
}

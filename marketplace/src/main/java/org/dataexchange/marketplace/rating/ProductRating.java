package org.dataexchange.marketplace.rating;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A buyer's rating of a product for one delivered order, with the merchant's answer and its moderation. */
@MappedEntity("product_rating")
record ProductRating(@Id String id, String orderId, String productId, String merchantOrgId, String buyerOrgId,
                     String buyerUsername, int stars, String body, @Nullable String reply, @Nullable String repliedBy,
                     @Nullable Instant repliedAt, Moderation moderation, boolean held, @Nullable String moderationNote,
                     Instant createdAt, Instant updatedAt) {

    /** Shown on the product sheet and counted in its average: not hidden, and not held by a blocked word. */
    boolean shown() {
        return moderation != Moderation.HIDDEN && !(moderation == Moderation.QUEUED && held);
    }

    ProductRating moderated(Moderation to, boolean holds, String note, Instant now) {
        if (!moderation.canBecome(to)) {
            throw new IllegalStateException("a rating " + moderation + " cannot become " + to);
        }
        return new ProductRating(id, orderId, productId, merchantOrgId, buyerOrgId, buyerUsername, stars, body, reply,
                repliedBy, repliedAt, to, holds, note, createdAt, now);
    }

    ProductRating replied(String text, String by, Instant now) {
        return new ProductRating(id, orderId, productId, merchantOrgId, buyerOrgId, buyerUsername, stars, body, text, by,
                now, moderation, held, moderationNote, createdAt, now);
    }
}

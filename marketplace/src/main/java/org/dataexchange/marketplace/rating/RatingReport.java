package org.dataexchange.marketplace.rating;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A party's report of a rating's text as abusive: it queues the rating for the operator. */
@MappedEntity("rating_report")
record RatingReport(@Id String id, String ratingId, String reporterUsername, String reporterRole, String reason,
                    Instant createdAt) {}

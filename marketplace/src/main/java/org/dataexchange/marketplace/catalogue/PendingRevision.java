package org.dataexchange.marketplace.catalogue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A revision of a listed product as its merchant and the operator see it: where it is in review, the data version it
 * proposes and every change against the listed terms (which stay in force until it is applied).
 */
@Serdeable
public record PendingRevision(String id, int seq, ProductRevision.Status status, @Nullable String version,
                              @Nullable String registeredVersion, boolean refilingRequired, List<TermsChange> changes,
                              @Nullable ProductDetails.Declaration declaration, @Nullable String decidedBy,
                              @Nullable String decisionNote, List<RevisionTransition> transitions, Instant createdAt,
                              Instant updatedAt) {

    /** One field of the reviewed terms: its path (e.g. {@code pricingPlans}, {@code licence.terms.purposes}), listed and proposed. */
    @Serdeable
    public record TermsChange(String field, @Nullable Object listed, @Nullable Object proposed) {}
}

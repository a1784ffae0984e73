package org.dataexchange.marketplace.catalogue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One status change of a product revision: from, to, who and why. */
@Serdeable
@MappedEntity("product_revision_transition")
public record RevisionTransition(@Id String id, String revisionId, @Nullable ProductRevision.Status fromStatus,
                                 ProductRevision.Status toStatus, String actor, String reason, Instant at) {}

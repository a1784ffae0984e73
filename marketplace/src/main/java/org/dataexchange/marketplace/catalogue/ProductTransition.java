package org.dataexchange.marketplace.catalogue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One status change of a product: from, to, who and why. */
@Serdeable
@MappedEntity("product_transition")
public record ProductTransition(@Id String id, String productId, @Nullable ProductStatus fromStatus,
                                ProductStatus toStatus, String actor, String reason, Instant at) {}

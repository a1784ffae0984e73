package org.dataexchange.marketplace.organisation;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** An organisation on the exchange, identified by its unified social credit code. */
@Serdeable
@MappedEntity("organisation")
public record Organisation(@Id String id, String name, String creditCode, OrganisationKind kind, Instant createdAt) {}

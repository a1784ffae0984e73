package org.dataexchange.marketplace.account;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A person's login for one organisation, with one role. The password is kept only as a bcrypt hash. */
@MappedEntity("account")
public record Account(@Id String id, String username, String passwordHash, Role role, String organisationId,
                      Instant createdAt) {}

package org.dataexchange.marketplace.account;

import io.micronaut.serde.annotation.Serdeable;
import org.dataexchange.marketplace.organisation.Organisation;

/** An account as the API shows it: never the password hash. */
@Serdeable
public record AccountView(String id, String username, Role role, Organisation organisation) {}

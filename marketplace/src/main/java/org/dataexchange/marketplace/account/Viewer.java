package org.dataexchange.marketplace.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;

/** Who is asking: an account with its role and organisation, or nobody (anonymous shoppers). */
public record Viewer(@Nullable String username, @Nullable Role role, @Nullable String organisationId) {

    public static final Viewer ANONYMOUS = new Viewer(null, null, null);

    public static Viewer of(@Nullable Authentication auth) {
        if (auth == null) {
            return ANONYMOUS;
        }
        Role role = auth.getRoles().stream().findFirst().map(Role::valueOf).orElse(null);
        return new Viewer(auth.getName(), role, (String) auth.getAttributes().get("organisationId"));
    }

    public boolean is(Role r) {
        return role == r;
    }
}

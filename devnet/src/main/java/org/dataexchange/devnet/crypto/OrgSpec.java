package org.dataexchange.devnet.crypto;

import java.util.Objects;

/** An organisation of the network: its MSP id, its DNS-style domain (for certificate names) and role. */
public record OrgSpec(String mspId, String domain, OrgRole role) {
    public OrgSpec {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(role, "role");
        if (!domain.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
            throw new IllegalArgumentException("domain must be a lower-case DNS name: " + domain);
        }
    }
}

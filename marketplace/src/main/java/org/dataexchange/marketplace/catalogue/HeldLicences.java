package org.dataexchange.marketplace.catalogue;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import org.dataexchange.marketplace.licence.LicenceTerms;

/**
 * The licences an organisation holds: orders it bought whose certificate the ledger issued. The order feature answers
 * this (the catalogue cannot read orders: orders depend on the catalogue); a derived product's parents are chosen among
 * them and checked against them.
 */
public interface HeldLicences {

    /**
     * One held licence: its certificate and order, the licensed product, the terms agreed, the term ({@code until}
     * exclusive, null for perpetual) and whether it was revoked.
     */
    record HeldLicence(String certificateId, String orderId, String productId, String holderOrgId, LicenceTerms terms,
                       Instant from, @Nullable Instant until, boolean revoked) {

        /** Not revoked and within its term at the given time. */
        public boolean inForceAt(Instant at) {
            return !revoked && !at.isBefore(from) && (until == null || at.isBefore(until));
        }
    }

    /** The licences the organisation holds, newest order first. */
    List<HeldLicence> heldBy(String organisationId);
}

package org.dataexchange.marketplace.supervision;

import java.util.Optional;
import java.util.Set;
import org.dataexchange.ledger.supervision.SupervisionMeasure;

/**
 * A merchant's standing on the exchange. APPLYING until its onboarding application is approved; ACTIVE merchants
 * submit products and sell; SUSPENDED ones do neither (licences already sold stay in force) until reinstated;
 * DISQUALIFIED is final. Each move names the standings it comes from.
 */
public enum MerchantStanding {
    APPLYING, ACTIVE, SUSPENDED, DISQUALIFIED;

    /** Approval of the onboarding application: from APPLYING only. */
    public Optional<MerchantStanding> admitted() {
        return from(ACTIVE, APPLYING);
    }

    /** The standing a supervision measure leaves, or empty when the measure is not allowed from this standing. */
    public Optional<MerchantStanding> after(SupervisionMeasure measure) {
        return switch (measure) {
            case WARNING_TALK, LISTING_TAKEDOWN -> from(this, ACTIVE, SUSPENDED);
            case SUSPENSION -> from(SUSPENDED, ACTIVE);
            case REINSTATEMENT -> from(ACTIVE, SUSPENDED);
            case DISQUALIFICATION -> from(DISQUALIFIED, ACTIVE, SUSPENDED);
        };
    }

    private Optional<MerchantStanding> from(MerchantStanding next, MerchantStanding... allowed) {
        return Set.of(allowed).contains(this) ? Optional.of(next) : Optional.empty();
    }
}

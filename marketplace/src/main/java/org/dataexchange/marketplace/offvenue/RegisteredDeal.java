package org.dataexchange.marketplace.offvenue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import org.dataexchange.ledger.offvenue.OffVenuePlanKind;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.marketplace.catalogue.Industry;
import org.dataexchange.marketplace.ledger.WriteAheadIntent;

/** An off-venue deal as the books keep it; while VERIFIED it is also the intent of its ledger write. */
@MappedEntity("off_venue_deal")
record RegisteredDeal(@Id String id, String merchantOrgId, String buyerOrgId, String registeredByOrgId, String registeredBy,
                      String productTitle, String productDigest, Industry industry, ClassificationLevel classification,
                      OffVenuePlanKind planKind, long amountMinor, String currency, String licenceSummary, String scenario,
                      String dealDate, OffVenueState state, @Nullable String confirmedBy, @Nullable Instant confirmedAt,
                      @Nullable String decidedBy, @Nullable String decidedByAccountId, @Nullable String decisionReason,
                      @Nullable Instant decidedAt, int attempts, @Nullable Instant nextAttemptAt, @Nullable String lastError,
                      @Nullable String transactionId, @Nullable Instant recordedAt, Instant createdAt, Instant updatedAt)
        implements WriteAheadIntent {

    /** While VERIFIED the deal is on its way to the ledger. */
    @Override
    public boolean pending() {
        return state == OffVenueState.VERIFIED;
    }

    /** The party that has to confirm: the one that did not register it. */
    String counterpartyOrgId() {
        return registeredByOrgId.equals(merchantOrgId) ? buyerOrgId : merchantOrgId;
    }

    boolean involves(String organisationId) {
        return merchantOrgId.equals(organisationId) || buyerOrgId.equals(organisationId);
    }

    RegisteredDeal confirmed(String by, Instant at) {
        return new RegisteredDeal(id, merchantOrgId, buyerOrgId, registeredByOrgId, registeredBy, productTitle, productDigest,
                industry, classification, planKind, amountMinor, currency, licenceSummary, scenario, dealDate,
                OffVenueState.CONFIRMED, by, at, decidedBy, decidedByAccountId, decisionReason, decidedAt, attempts,
                nextAttemptAt, lastError, transactionId, recordedAt, createdAt, at);
    }

    RegisteredDeal declined(String by, String reason, Instant at) {
        return new RegisteredDeal(id, merchantOrgId, buyerOrgId, registeredByOrgId, registeredBy, productTitle, productDigest,
                industry, classification, planKind, amountMinor, currency, licenceSummary, scenario, dealDate,
                OffVenueState.DECLINED, by, at, decidedBy, decidedByAccountId, reason, decidedAt, attempts, nextAttemptAt,
                lastError, transactionId, recordedAt, createdAt, at);
    }

    /** Verified by the operator: the intent of the ledger write, leased until {@code leaseEnd}. */
    RegisteredDeal verified(String by, String accountId, Instant at, Instant leaseEnd) {
        return new RegisteredDeal(id, merchantOrgId, buyerOrgId, registeredByOrgId, registeredBy, productTitle, productDigest,
                industry, classification, planKind, amountMinor, currency, licenceSummary, scenario, dealDate,
                OffVenueState.VERIFIED, confirmedBy, confirmedAt, by, accountId, null, at, 0, leaseEnd, null, null, null,
                createdAt, at);
    }

    RegisteredDeal rejected(String by, @Nullable String accountId, String reason, Instant at) {
        return new RegisteredDeal(id, merchantOrgId, buyerOrgId, registeredByOrgId, registeredBy, productTitle, productDigest,
                industry, classification, planKind, amountMinor, currency, licenceSummary, scenario, dealDate,
                OffVenueState.REJECTED, confirmedBy, confirmedAt, by, accountId, reason, at, attempts, null, lastError,
                null, null, createdAt, at);
    }

    RegisteredDeal leasedUntil(Instant until) {
        return new RegisteredDeal(id, merchantOrgId, buyerOrgId, registeredByOrgId, registeredBy, productTitle, productDigest,
                industry, classification, planKind, amountMinor, currency, licenceSummary, scenario, dealDate, state,
                confirmedBy, confirmedAt, decidedBy, decidedByAccountId, decisionReason, decidedAt, attempts, until,
                lastError, transactionId, recordedAt, createdAt, updatedAt);
    }

    RegisteredDeal retryAt(Instant at, String error, Instant now) {
        return new RegisteredDeal(id, merchantOrgId, buyerOrgId, registeredByOrgId, registeredBy, productTitle, productDigest,
                industry, classification, planKind, amountMinor, currency, licenceSummary, scenario, dealDate, state,
                confirmedBy, confirmedAt, decidedBy, decidedByAccountId, decisionReason, decidedAt, attempts + 1, at,
                error, transactionId, recordedAt, createdAt, now);
    }

    RegisteredDeal recorded(String txId, Instant at, Instant now) {
        return new RegisteredDeal(id, merchantOrgId, buyerOrgId, registeredByOrgId, registeredBy, productTitle, productDigest,
                industry, classification, planKind, amountMinor, currency, licenceSummary, scenario, dealDate,
                OffVenueState.RECORDED, confirmedBy, confirmedAt, decidedBy, decidedByAccountId, decisionReason, decidedAt,
                attempts + 1, null, null, txId, at, createdAt, now);
    }
}

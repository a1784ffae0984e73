package org.dataexchange.ledger.licence;

import java.time.Instant;

/** A recorded revocation of a licence certificate. */
public record Revocation(RevocationRequest request, Instant revokedAt, String txId) {}

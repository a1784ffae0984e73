package org.dataexchange.ledger.licence;

import java.time.Instant;

/** A licence certificate as stored: what was issued, and when, in which transaction. */
public record IssuedCertificate(LicenceCertificate certificate, Instant issuedAt, String txId) {}

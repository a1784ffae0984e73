package org.dataexchange.ledger.licence;

/** A certificate with its revocation, if any, as the ledger holds them. */
public record CertificateStatus(IssuedCertificate issued, Revocation revocation) {}

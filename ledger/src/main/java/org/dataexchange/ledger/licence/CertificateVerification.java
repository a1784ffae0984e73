package org.dataexchange.ledger.licence;

import java.time.Instant;
import java.util.List;

/**
 * The answer to "is this certificate genuine and in force?".
 *
 * @param valid true only when the certificate is on the ledger, every field matches, it is not revoked and
 *     its term covers {@code checkedAt}
 * @param mismatchedFields the presented fields that differ from the ledger's copy
 * @param expired the term ended before {@code checkedAt}
 * @param notYetValid the term starts after {@code checkedAt}
 */
public record CertificateVerification(
        String certificateId,
        boolean valid,
        boolean onLedger,
        List<String> mismatchedFields,
        boolean revoked,
        Revocation revocation,
        boolean expired,
        boolean notYetValid,
        String issueTxId,
        Instant checkedAt) {}

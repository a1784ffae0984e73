package org.dataexchange.marketplace.settlement;

import io.micronaut.serde.annotation.SerdeImport;
import org.dataexchange.ledger.licence.CertificateVerification;
import org.dataexchange.ledger.licence.Revocation;
import org.dataexchange.ledger.licence.RevocationRequest;

/** The ledger's records the API answers with directly (the contract's own JSON types, not annotated for Micronaut). */
@SerdeImport(CertificateVerification.class)
@SerdeImport(Revocation.class)
@SerdeImport(RevocationRequest.class)
final class LedgerRecordsSerde {
    private LedgerRecordsSerde() {}
}

package org.dataexchange.ledger;

import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Every refusal the settlement contract can give. A refusal reaches the client as a chaincode error
 * whose message starts with the code and a colon ({@code "SPLIT_SUM_MISMATCH: ..."}) and whose payload
 * is the code itself, so clients can map it to a typed exception without parsing prose.
 */
public enum ErrorCode {
    INVALID_ARGUMENT("An argument is missing, malformed or out of range."),
    UNKNOWN_TRANSACTION("The contract has no transaction of that name."),
    ACCESS_DENIED("The caller's organisation (MSP) may not perform this transaction."),
    NOT_FOUND("The requested record is not on the ledger."),
    ALREADY_RECORDED("An identical record with this id is already on the ledger; nothing was written."),
    ID_CONFLICT("A different record with this id is already on the ledger."),
    UNKNOWN_CURRENCY("The currency is not one the exchange settles in."),
    NEGATIVE_AMOUNT("An amount is negative."),
    SPLIT_SUM_MISMATCH("The split lines do not sum exactly to the trade amount."),
    PRODUCT_NOT_REGISTERED("The product version is not registered on the ledger."),
    PRODUCT_NOT_LISTED("The product version is registered but not listed (suspended or delisted)."),
    MERCHANT_MISMATCH("The merchant or seller differs from the one the product is registered to."),
    DIGEST_MISMATCH("The content digest differs from the one registered for the product version."),
    FILING_RECORD_REQUIRED("Important or core data needs a filing record (备案) reference."),
    PERSONAL_DATA_BASIS_REQUIRED("Personal data needs a consent basis or an anonymisation attestation."),
    REGULATOR_APPROVAL_REQUIRED("Core data is traded only with a recorded regulator approval."),
    SECURITY_AGREEMENT_REQUIRED("Important or core data is traded only with a signed data-security agreement."),
    EXPORT_ASSESSMENT_REQUIRED("Important or core data leaves the country only with an export security assessment."),
    CROSS_BORDER_NOT_PERMITTED("The product version may not be traded or delivered abroad."),
    INVALID_STATUS_TRANSITION("The listing status change is not allowed from the current status."),
    CERTIFICATE_MISMATCH("The certificate does not match the trade it names."),
    LICENCE_REVOKED("The licence certificate has been revoked."),
    LICENCE_NOT_VALID_AT_TIME("The licence certificate is not valid at the transaction time (expired or not yet valid)."),
    REFUND_EXCEEDS_TRADE("A refund exceeds what the trade, or a split party's line, has left after earlier refunds."),
    REFUND_PARTY_MISMATCH("A refund line names a party and role that have no split line in the trade, or another currency."),
    PARENT_LICENCE_INVALID("A derived product's parent licence is missing, not held by its merchant, revoked, out of term or does not permit deriving and selling what is derived; or a royalty line names no parent."),
    ROYALTY_UNDERPAID("A derived product's trade omits or underpays the royalty a parent licence is owed.");

    private final String meaning;

    ErrorCode(String meaning) {
        this.meaning = meaning;
    }

    /** What the code means, for documentation and the contract metadata. */
    public String meaning() {
        return meaning;
    }

    /** The code of a refusal made with {@link #refuse}. */
    public static ErrorCode of(ChaincodeException refusal) {
        return valueOf(new String(refusal.getPayload(), StandardCharsets.UTF_8));
    }

    /** The exception a transaction throws to refuse; the shim turns it into an error response. */
    public ChaincodeException refuse(String detail) {
        return new ChaincodeException(name() + ": " + detail, name().getBytes(StandardCharsets.UTF_8));
    }
}

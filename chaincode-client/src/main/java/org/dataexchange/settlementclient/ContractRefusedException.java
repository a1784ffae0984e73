package org.dataexchange.settlementclient;

import org.dataexchange.ledger.ErrorCode;

/**
 * The settlement contract refused the transaction with one of its {@link ErrorCode}s. Each code has its
 * own subclass, so callers can catch exactly what they handle ({@code catch (SplitSumMismatch e)}) or all
 * refusals at once; {@link #code()} names it either way. Nothing was written.
 */
public abstract sealed class ContractRefusedException extends LedgerException {

    private final ErrorCode code;

    private ContractRefusedException(ErrorCode code, String message, String transactionId) {
        super(message, transactionId, null);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** The typed exception for a refusal the contract answered with {@code code}. */
    static ContractRefusedException of(ErrorCode code, String message, String transactionId) {
        return switch (code) {
            case INVALID_ARGUMENT -> new InvalidArgument(message, transactionId);
            case UNKNOWN_TRANSACTION -> new UnknownTransaction(message, transactionId);
            case ACCESS_DENIED -> new AccessDenied(message, transactionId);
            case NOT_FOUND -> new NotFound(message, transactionId);
            case ALREADY_RECORDED -> new AlreadyRecorded(message, transactionId);
            case ID_CONFLICT -> new IdConflict(message, transactionId);
            case UNKNOWN_CURRENCY -> new UnknownCurrency(message, transactionId);
            case NEGATIVE_AMOUNT -> new NegativeAmount(message, transactionId);
            case SPLIT_SUM_MISMATCH -> new SplitSumMismatch(message, transactionId);
            case PRODUCT_NOT_REGISTERED -> new ProductNotRegistered(message, transactionId);
            case PRODUCT_NOT_LISTED -> new ProductNotListed(message, transactionId);
            case MERCHANT_MISMATCH -> new MerchantMismatch(message, transactionId);
            case DIGEST_MISMATCH -> new DigestMismatch(message, transactionId);
            case FILING_RECORD_REQUIRED -> new FilingRecordRequired(message, transactionId);
            case PERSONAL_DATA_BASIS_REQUIRED -> new PersonalDataBasisRequired(message, transactionId);
            case REGULATOR_APPROVAL_REQUIRED -> new RegulatorApprovalRequired(message, transactionId);
            case SECURITY_AGREEMENT_REQUIRED -> new SecurityAgreementRequired(message, transactionId);
            case EXPORT_ASSESSMENT_REQUIRED -> new ExportAssessmentRequired(message, transactionId);
            case CROSS_BORDER_NOT_PERMITTED -> new CrossBorderNotPermitted(message, transactionId);
            case INVALID_STATUS_TRANSITION -> new InvalidStatusTransition(message, transactionId);
            case CERTIFICATE_MISMATCH -> new CertificateMismatch(message, transactionId);
            case LICENCE_REVOKED -> new LicenceRevoked(message, transactionId);
            case LICENCE_NOT_VALID_AT_TIME -> new LicenceNotValidAtTime(message, transactionId);
            case REFUND_EXCEEDS_TRADE -> new RefundExceedsTrade(message, transactionId);
            case REFUND_PARTY_MISMATCH -> new RefundPartyMismatch(message, transactionId);
            case PARENT_LICENCE_INVALID -> new ParentLicenceInvalid(message, transactionId);
            case ROYALTY_UNDERPAID -> new RoyaltyUnderpaid(message, transactionId);
        };
    }

    /** {@code INVALID_ARGUMENT}. */
    public static final class InvalidArgument extends ContractRefusedException {
        InvalidArgument(String message, String transactionId) {
            super(ErrorCode.INVALID_ARGUMENT, message, transactionId);
        }
    }

    /** {@code UNKNOWN_TRANSACTION}. */
    public static final class UnknownTransaction extends ContractRefusedException {
        UnknownTransaction(String message, String transactionId) {
            super(ErrorCode.UNKNOWN_TRANSACTION, message, transactionId);
        }
    }

    /** {@code ACCESS_DENIED}. */
    public static final class AccessDenied extends ContractRefusedException {
        AccessDenied(String message, String transactionId) {
            super(ErrorCode.ACCESS_DENIED, message, transactionId);
        }
    }

    /** {@code NOT_FOUND}. */
    public static final class NotFound extends ContractRefusedException {
        NotFound(String message, String transactionId) {
            super(ErrorCode.NOT_FOUND, message, transactionId);
        }
    }

    /** {@code ALREADY_RECORDED}. */
    public static final class AlreadyRecorded extends ContractRefusedException {
        AlreadyRecorded(String message, String transactionId) {
            super(ErrorCode.ALREADY_RECORDED, message, transactionId);
        }
    }

    /** {@code ID_CONFLICT}. */
    public static final class IdConflict extends ContractRefusedException {
        IdConflict(String message, String transactionId) {
            super(ErrorCode.ID_CONFLICT, message, transactionId);
        }
    }

    /** {@code UNKNOWN_CURRENCY}. */
    public static final class UnknownCurrency extends ContractRefusedException {
        UnknownCurrency(String message, String transactionId) {
            super(ErrorCode.UNKNOWN_CURRENCY, message, transactionId);
        }
    }

    /** {@code NEGATIVE_AMOUNT}. */
    public static final class NegativeAmount extends ContractRefusedException {
        NegativeAmount(String message, String transactionId) {
            super(ErrorCode.NEGATIVE_AMOUNT, message, transactionId);
        }
    }

    /** {@code SPLIT_SUM_MISMATCH}. */
    public static final class SplitSumMismatch extends ContractRefusedException {
        SplitSumMismatch(String message, String transactionId) {
            super(ErrorCode.SPLIT_SUM_MISMATCH, message, transactionId);
        }
    }

    /** {@code PRODUCT_NOT_REGISTERED}. */
    public static final class ProductNotRegistered extends ContractRefusedException {
        ProductNotRegistered(String message, String transactionId) {
            super(ErrorCode.PRODUCT_NOT_REGISTERED, message, transactionId);
        }
    }

    /** {@code PRODUCT_NOT_LISTED}. */
    public static final class ProductNotListed extends ContractRefusedException {
        ProductNotListed(String message, String transactionId) {
            super(ErrorCode.PRODUCT_NOT_LISTED, message, transactionId);
        }
    }

    /** {@code MERCHANT_MISMATCH}. */
    public static final class MerchantMismatch extends ContractRefusedException {
        MerchantMismatch(String message, String transactionId) {
            super(ErrorCode.MERCHANT_MISMATCH, message, transactionId);
        }
    }

    /** {@code DIGEST_MISMATCH}. */
    public static final class DigestMismatch extends ContractRefusedException {
        DigestMismatch(String message, String transactionId) {
            super(ErrorCode.DIGEST_MISMATCH, message, transactionId);
        }
    }

    /** {@code FILING_RECORD_REQUIRED}. */
    public static final class FilingRecordRequired extends ContractRefusedException {
        FilingRecordRequired(String message, String transactionId) {
            super(ErrorCode.FILING_RECORD_REQUIRED, message, transactionId);
        }
    }

    /** {@code PERSONAL_DATA_BASIS_REQUIRED}. */
    public static final class PersonalDataBasisRequired extends ContractRefusedException {
        PersonalDataBasisRequired(String message, String transactionId) {
            super(ErrorCode.PERSONAL_DATA_BASIS_REQUIRED, message, transactionId);
        }
    }

    /** {@code REGULATOR_APPROVAL_REQUIRED}. */
    public static final class RegulatorApprovalRequired extends ContractRefusedException {
        RegulatorApprovalRequired(String message, String transactionId) {
            super(ErrorCode.REGULATOR_APPROVAL_REQUIRED, message, transactionId);
        }
    }

    /** {@code SECURITY_AGREEMENT_REQUIRED}. */
    public static final class SecurityAgreementRequired extends ContractRefusedException {
        SecurityAgreementRequired(String message, String transactionId) {
            super(ErrorCode.SECURITY_AGREEMENT_REQUIRED, message, transactionId);
        }
    }

    /** {@code EXPORT_ASSESSMENT_REQUIRED}. */
    public static final class ExportAssessmentRequired extends ContractRefusedException {
        ExportAssessmentRequired(String message, String transactionId) {
            super(ErrorCode.EXPORT_ASSESSMENT_REQUIRED, message, transactionId);
        }
    }

    /** {@code CROSS_BORDER_NOT_PERMITTED}. */
    public static final class CrossBorderNotPermitted extends ContractRefusedException {
        CrossBorderNotPermitted(String message, String transactionId) {
            super(ErrorCode.CROSS_BORDER_NOT_PERMITTED, message, transactionId);
        }
    }

    /** {@code INVALID_STATUS_TRANSITION}. */
    public static final class InvalidStatusTransition extends ContractRefusedException {
        InvalidStatusTransition(String message, String transactionId) {
            super(ErrorCode.INVALID_STATUS_TRANSITION, message, transactionId);
        }
    }

    /** {@code CERTIFICATE_MISMATCH}. */
    public static final class CertificateMismatch extends ContractRefusedException {
        CertificateMismatch(String message, String transactionId) {
            super(ErrorCode.CERTIFICATE_MISMATCH, message, transactionId);
        }
    }

    /** {@code LICENCE_REVOKED}. */
    public static final class LicenceRevoked extends ContractRefusedException {
        LicenceRevoked(String message, String transactionId) {
            super(ErrorCode.LICENCE_REVOKED, message, transactionId);
        }
    }

    /** {@code LICENCE_NOT_VALID_AT_TIME}. */
    public static final class LicenceNotValidAtTime extends ContractRefusedException {
        LicenceNotValidAtTime(String message, String transactionId) {
            super(ErrorCode.LICENCE_NOT_VALID_AT_TIME, message, transactionId);
        }
    }

    /** {@code REFUND_EXCEEDS_TRADE}. */
    public static final class RefundExceedsTrade extends ContractRefusedException {
        RefundExceedsTrade(String message, String transactionId) {
            super(ErrorCode.REFUND_EXCEEDS_TRADE, message, transactionId);
        }
    }

    /** {@code REFUND_PARTY_MISMATCH}. */
    public static final class RefundPartyMismatch extends ContractRefusedException {
        RefundPartyMismatch(String message, String transactionId) {
            super(ErrorCode.REFUND_PARTY_MISMATCH, message, transactionId);
        }
    }

    /** {@code PARENT_LICENCE_INVALID}. */
    public static final class ParentLicenceInvalid extends ContractRefusedException {
        ParentLicenceInvalid(String message, String transactionId) {
            super(ErrorCode.PARENT_LICENCE_INVALID, message, transactionId);
        }
    }

    /** {@code ROYALTY_UNDERPAID}. */
    public static final class RoyaltyUnderpaid extends ContractRefusedException {
        RoyaltyUnderpaid(String message, String transactionId) {
            super(ErrorCode.ROYALTY_UNDERPAID, message, transactionId);
        }
    }
}

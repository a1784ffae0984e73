package org.dataexchange.settlementclient;

/**
 * Why a ledger call failed, in terms a caller can act on: the contract refused ({@link ContractRefusedException},
 * one subclass per contract error code), the peer refused the proposal ({@link EndorsementFailedException}),
 * the transaction was ordered but invalidated ({@link CommitFailedException}), or the ledger could not be
 * reached in time ({@link LedgerUnavailableException}).
 */
public abstract sealed class LedgerException extends RuntimeException
        permits ContractRefusedException, EndorsementFailedException, CommitFailedException, LedgerUnavailableException {

    private final String transactionId;

    protected LedgerException(String message, String transactionId, Throwable cause) {
        super(message, cause);
        this.transactionId = transactionId;
    }

    /** The transaction concerned, when one was created. */
    public String transactionId() {
        return transactionId;
    }
}

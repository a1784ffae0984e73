package org.dataexchange.settlementclient;

import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** The transaction was ordered into a block but marked invalid, with Fabric's validation code. */
public final class CommitFailedException extends LedgerException {

    private final TxValidationCode code;
    private final long blockNumber;

    CommitFailedException(String transactionId, TxValidationCode code, long blockNumber) {
        super("transaction " + transactionId + " was invalidated in block " + blockNumber + ": " + code, transactionId, null);
        this.code = code;
        this.blockNumber = blockNumber;
    }

    public TxValidationCode code() {
        return code;
    }

    public long blockNumber() {
        return blockNumber;
    }

    /** Read conflicts: another transaction changed what this one read; running it again may succeed. */
    public boolean isReadConflict() {
        return code == TxValidationCode.MVCC_READ_CONFLICT || code == TxValidationCode.PHANTOM_READ_CONFLICT;
    }
}

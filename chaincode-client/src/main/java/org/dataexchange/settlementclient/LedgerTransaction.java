package org.dataexchange.settlementclient;

import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A transaction as a block holds it: who submitted it, which contract function with which arguments, what it
 * answered, the event it emitted, and whether the peer validated it.
 */
public record LedgerTransaction(
        String transactionId,
        long blockNumber,
        int index,
        TxValidationCode validationCode,
        Instant timestamp,
        String creatorMspId,
        String chaincode,
        String function,
        List<String> arguments,
        String eventName) {}

package org.dataexchange.devnet.commit;

import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** How a transaction ended: its validation code and the block it is in. */
public record TxStatus(TxValidationCode code, long blockNumber) {}

package org.dataexchange.settlementclient;

import java.util.List;
import org.hyperledger.fabric.protos.common.Block;

/** A block: its header hashes (hex), its transactions with their validation codes, and the raw Fabric block. */
public record LedgerBlock(long number, String headerHash, String previousHash, String dataHash,
                          List<LedgerTransaction> transactions, Block raw) {}

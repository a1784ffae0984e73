package org.dataexchange.settlementclient;

/** The ledger's height and the header hashes of its last two blocks (hex). */
public record ChainInfo(long height, String currentBlockHash, String previousBlockHash) {}

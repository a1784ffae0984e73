package org.dataexchange.settlementclient;

/**
 * The result of checking the hash chain over blocks {@code from}..{@code to}: every block's data hash matches
 * its transactions and its previous hash matches the header hash of the block before.
 *
 * @param firstBadBlock the first block that fails, or null when the range is valid
 */
public record ChainVerification(long from, long to, boolean valid, Long firstBadBlock, String problem) {}

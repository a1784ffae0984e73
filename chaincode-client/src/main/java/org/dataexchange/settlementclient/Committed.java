package org.dataexchange.settlementclient;

/**
 * A record as the ledger holds it after a committed transaction.
 *
 * @param alreadyRecorded true when the identical record was already on the ledger (a retry); then
 *     {@code transactionId} and {@code blockNumber} are those of the transaction that first recorded it
 */
public record Committed<T>(T record, String transactionId, long blockNumber, boolean alreadyRecorded) {}

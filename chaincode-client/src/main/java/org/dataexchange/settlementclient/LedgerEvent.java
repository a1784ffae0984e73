package org.dataexchange.settlementclient;

/** A chaincode event of a valid transaction (e.g. {@code TradeSettled}) with its canonical-JSON payload. */
public record LedgerEvent(long blockNumber, String transactionId, String name, String payload) {}

package org.dataexchange.ledger.trade;

/** A split line as stored under its own key ({@code splitLine/tradeId/index}), so revenue has no hot keys. */
public record SplitLineRecord(String tradeId, int index, String party, SplitRole role, long amount, String currency) {}

package org.dataexchange.ledger.trade;

/**
 * A split line as stored under its own key ({@code splitLine/tradeId/index}), so revenue has no hot keys; a royalty line
 * keeps the parent licence it is paid under.
 */
public record SplitLineRecord(String tradeId, int index, String party, SplitRole role, long amount, String currency,
                              String parentCertificateId) {

    public SplitLineRecord(String tradeId, int index, String party, SplitRole role, long amount, String currency) {
        this(tradeId, index, party, role, amount, currency, null);
    }
}

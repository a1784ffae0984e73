package org.dataexchange.ledger.trade;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import org.dataexchange.ledger.product.ClassificationLevel;

/**
 * A recorded trade: the request as submitted plus what the ledger derived from the registered product
 * (classification, industry), the cross-border flag, and when and in which transaction it was recorded.
 */
public record Trade(
        TradeRequest request,
        ClassificationLevel classificationLevel,
        String industry,
        boolean crossBorder,
        Instant recordedAt,
        String txId) {

    @JsonIgnore
    public String tradeId() {
        return request.tradeId();
    }
}

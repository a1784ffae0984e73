package org.dataexchange.ledger.delivery;

import java.time.Instant;

/** A recorded delivery, tied to the trade its certificate licenses. */
public record DeliveryReceipt(DeliveryRequest request, String tradeId, Instant deliveredAt, String txId) {}

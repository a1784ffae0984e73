package org.dataexchange.marketplace.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** An order as the API shows it: status in upper case and, once settled, the ledger transaction and certificate. */
@Serdeable
public record OrderView(String id, String productId, String productVersion, String planId, long amountMinor, String currency,
                        OrderStatus status, OrderDetails details, String agreementHash, @Nullable String transactionId,
                        @Nullable Long blockNumber, @Nullable String certificateId, @Nullable String failureReason,
                        List<OrderRepositories.Transition> transitions, Instant createdAt, @Nullable Instant paidAt,
                        List<RefundView> refunds) {

    /** A refund a complaint's decision gave on this order. */
    @io.micronaut.serde.annotation.Serdeable
    public record RefundView(String complaintId, String decision, long amountMinor, String currency,
                             List<OrderRepositories.RefundLine> lines, String decidedBy, Instant decidedAt) {}
}

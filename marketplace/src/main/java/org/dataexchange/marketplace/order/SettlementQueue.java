package org.dataexchange.marketplace.order;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The orders' settlement requests (the transactional outbox), as the settlement feature drains them: an order writes
 * its request with the payment; settlement takes the due ones, locks them, and records each move ({@link
 * OrderRepositories.OutboxItem}'s guarded methods) here.
 */
@Singleton
public class SettlementQueue {

    private final OrderRepositories.Outbox outbox;

    SettlementQueue(OrderRepositories.Outbox outbox) {
        this.outbox = outbox;
    }

    /** The oldest requests due by {@code now}, at most {@code limit}. */
    public List<OrderRepositories.OutboxItem> due(Instant now, int limit) {
        return outbox.due(now, limit);
    }

    /** How many paid orders wait for settlement (the monitoring's outbox depth). */
    public long pendingCount() {
        return outbox.pendingCount();
    }

    /** The paid order that has waited longest for settlement (the monitoring's settlement lag). */
    public Optional<OrderRepositories.OutboxItem> oldestPending() {
        return outbox.oldestPending();
    }

    /** The requests as they are now, locked until the caller's transaction ends. */
    public List<OrderRepositories.OutboxItem> lock(Collection<String> orderIds) {
        return outbox.lock(orderIds);
    }

    /**
     * PostgreSQL only: the oldest requests due by {@code now}, at most {@code limit}, locked until the caller's
     * transaction ends, passing over those another worker holds (FOR UPDATE SKIP LOCKED).
     */
    public List<OrderRepositories.OutboxItem> lockDueSkippingLocked(Instant now, int limit) {
        return outbox.lockDueSkippingLocked(now, limit);
    }

    public Optional<OrderRepositories.OutboxItem> find(String orderId) {
        return outbox.findById(orderId);
    }

    /** Asks for an order's settlement (the books check does, for a trade the ledger holds and the books do not). */
    public void request(OrderRepositories.OutboxItem item) {
        outbox.save(item);
    }

    /** Records a request's move. */
    public void record(OrderRepositories.OutboxItem moved) {
        outbox.update(moved);
    }

    /** Records several requests' moves at once. */
    public void recordAll(List<OrderRepositories.OutboxItem> moved) {
        outbox.updateAll(moved);
    }
}

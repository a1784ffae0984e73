package org.dataexchange.marketplace.delivery;

import org.dataexchange.marketplace.order.OrderBook;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.dataexchange.ledger.delivery.DeliveryMode;
import org.dataexchange.ledger.delivery.DeliveryRequest;
import org.dataexchange.marketplace.RecurringTask;
import org.dataexchange.marketplace.order.OrderRepositories;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.settlementclient.ContractRefusedException;
import org.dataexchange.settlementclient.LedgerException;
import org.dataexchange.settlementclient.SettlementClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery receipts on the ledger, written outside any database transaction: the delivery is first recorded (the
 * intent, committed on its own), then its receipt is submitted, then the receipt's transaction is kept with it. A
 * receipt that a crash or an outage kept from the ledger is submitted again by a round every 30 s (the receipt id makes
 * the retry idempotent: the ledger answers a repeat as already recorded).
 */
@Singleton
class DeliveryReceipts {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryReceipts.class);
    /** A receipt younger than this is still being written by the request that delivered it. */
    private static final Duration GRACE = Duration.ofMinutes(1);

    private final Delivery.Repository deliveries;
    private final OrderBook orders;
    private final OrderService orderService;
    private final SettlementClient ledger;
    private final Clock clock;
    private final org.dataexchange.marketplace.BooksOnDisk booksOnDisk;
    private final RecurringTask rounds = new RecurringTask("delivery-receipts");

    DeliveryReceipts(Delivery.Repository deliveries, OrderBook orders, OrderService orderService,
                     SettlementClient ledger, Clock clock, org.dataexchange.marketplace.BooksOnDisk booksOnDisk) {
        this.booksOnDisk = booksOnDisk;
        this.deliveries = deliveries;
        this.orders = orders;
        this.orderService = orderService;
        this.ledger = ledger;
        this.clock = clock;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        rounds.start(Duration.ofSeconds(30), Duration.ofSeconds(30), this::submitDue);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        rounds.close();
    }

    /** Records the delivery, then writes its receipt on the ledger; answers the delivery as it now stands. */
    Delivery record(Delivery intent, String deliveryLocation) {
        deliveries.save(intent);
        // Write-ahead: the delivery is on the disk before its receipt is on the ledger (a download is a GET, which
        // the confirmed-writes filter does not wait for).
        booksOnDisk.force();
        return submit(intent, deliveryLocation);
    }

    /** Writes the receipts that are still missing. */
    void submitDue() {
        for (Delivery d : deliveries.receiptsDue(clock.instant().minus(GRACE))) {
            orders.find(d.orderId()).ifPresent(o -> submit(d, orderService.details(o).scenario().location()));
        }
    }

    private Delivery submit(Delivery d, String deliveryLocation) {
        DeliveryRequest request = new DeliveryRequest(d.id(), org.dataexchange.marketplace.settlement.OrderSettlement.certificateIdOf(d.orderId()), DeliveryMode.valueOf(d.mode()),
                d.contentDigest(), deliveryLocation, d.units());
        try {
            String txId = ledger.recordDelivery(request).join().transactionId();
            return deliveries.update(new Delivery(d.id(), d.orderId(), d.mode(), d.units(), d.contentDigest(), txId,
                    d.deliveredAt(), null));
        } catch (CompletionException | LedgerException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof ContractRefusedException refused) {
                LOG.error("the ledger refused the receipt of delivery {} of order {}: {}", d.id(), d.orderId(), refused.getMessage());
                String problem = refused.code() + ": " + refused.getMessage();
                return deliveries.update(new Delivery(d.id(), d.orderId(), d.mode(), d.units(), d.contentDigest(), null,
                        d.deliveredAt(), problem.length() > 2000 ? problem.substring(0, 2000) : problem));
            }
            LOG.warn("the receipt of delivery {} of order {} is not on the ledger yet, retried later: {}", d.id(), d.orderId(),
                    cause.toString());
            return d;
        }
    }
}

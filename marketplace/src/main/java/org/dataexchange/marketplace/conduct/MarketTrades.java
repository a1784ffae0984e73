package org.dataexchange.marketplace.conduct;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dataexchange.ledger.trade.Trade;
import org.dataexchange.marketplace.catalogue.CatalogueService;
import org.dataexchange.marketplace.catalogue.PricingPlan;
import org.dataexchange.marketplace.order.OrderBook;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.PurchaseOrder;
import org.dataexchange.marketplace.regulator.LedgerTrades;

/**
 * The ledger's trades of a period (read with the regulator's identity) with what only the books know: the plan kind the
 * order was bought under and the order itself. A trade whose order the books do not hold (recorded behind the exchange's
 * back, which reconciliation reports) has plan kind {@code UNKNOWN} and no order.
 */
@Singleton
class MarketTrades {

    static final String UNKNOWN_PLAN = "UNKNOWN";

    /** A ledger trade with its plan kind and, when the books hold it, its order. */
    record PricedTrade(Trade trade, String planKind, @Nullable PurchaseOrder order) implements PriceStatistics.Priced {
        public String industry() {
            return trade.industry();
        }

        String product() {
            return trade.request().productId();
        }

        public String buyer() {
            return trade.request().buyerId();
        }

        public String merchant() {
            return trade.request().sellerId();
        }

        public long amount() {
            return trade.request().amount();
        }

        public String classification() {
            return trade.classificationLevel().name();
        }
    }

    private final LedgerTrades ledger;
    private final OrderBook orders;
    private final OrderService orderService;
    private final CatalogueService catalogue;

    MarketTrades(LedgerTrades ledger, OrderBook orders, OrderService orderService, CatalogueService catalogue) {
        this.ledger = ledger;
        this.orders = orders;
        this.orderService = orderService;
        this.catalogue = catalogue;
    }

    /** Trades recorded in [from, to) (either end open when null). */
    List<PricedTrade> between(@Nullable Instant from, @Nullable Instant to) {
        List<Trade> trades = ledger.all(new LedgerTrades.Filter(from, to, null, null, null, null, null, null));
        Map<String, PurchaseOrder> byId = new HashMap<>();
        List<String> refs = trades.stream().map(t -> t.request().orderRef()).distinct().toList();
        for (int i = 0; i < refs.size(); i += 500) {
            orders.findAll(refs.subList(i, Math.min(refs.size(), i + 500))).forEach(o -> byId.put(o.id(), o));
        }
        Map<String, String> kinds = new HashMap<>();
        return trades.stream().map(t -> {
            PurchaseOrder o = byId.get(t.request().orderRef());
            String kind = o == null ? UNKNOWN_PLAN : kinds.computeIfAbsent(o.id(), id -> planKind(o));
            return new PricedTrade(t, kind, o);
        }).collect(Collectors.toList());
    }

    private String planKind(PurchaseOrder o) {
        PricingPlan plan = orderService.details(o).plan();
        if (plan == null) {
            // Orders placed before the plan was kept with them: the product's plan of that id now.
            try {
                plan = catalogue.plan(o.productId(), o.planId());
            } catch (RuntimeException gone) {
                return UNKNOWN_PLAN;
            }
        }
        return plan.kind().name();
    }
}

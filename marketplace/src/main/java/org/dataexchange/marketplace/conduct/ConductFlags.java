package org.dataexchange.marketplace.conduct;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.dataexchange.marketplace.catalogue.PricingPlan;
import org.dataexchange.marketplace.order.PurchaseOrder;

/**
 * The conduct rules the regulator's flags come from (marketplace/README.md, "Market conduct"), each flag with the
 * numbers that raised it. Metered trades are left out of the two price rules: a metered trade is a month's usage bill,
 * not a price.
 */
@Singleton
class ConductFlags {

    enum Rule { PRICE_OUTLIER, PRICE_DISCRIMINATION, TIED_SALE }

    /**
     * A flag: which rule, about which product and merchant, in words, the numbers it compared (amounts in minor units,
     * shares in basis points) and the ledger trades it rests on.
     */
    @Serdeable
    record Flag(Rule rule, String productId, String merchant, @Nullable String otherProductId, String explanation,
                Map<String, Long> numbers, List<String> tradeIds) {}

    private final MarketTrades market;
    private final ConductSettings settings;

    ConductFlags(MarketTrades market, ConductSettings settings) {
        this.market = market;
        this.settings = settings;
    }

    List<Flag> between(@Nullable Instant from, @Nullable Instant to) {
        return of(market.between(from, to));
    }

    List<Flag> of(List<MarketTrades.PricedTrade> trades) {
        List<Flag> flags = new ArrayList<>();
        List<MarketTrades.PricedTrade> priced = trades.stream()
                .filter(t -> !t.planKind().equals(PricingPlan.Kind.METERED.name())).toList();
        flags.addAll(outliers(priced));
        flags.addAll(discrimination(priced));
        flags.addAll(tiedSales(trades));
        return flags;
    }

    /**
     * Inflated prices: within one industry, classification and plan kind, each product's price is the median of its
     * trades; a product is flagged when its price exceeds Q3 + k·IQR of the other products' prices (itself left out, so
     * it does not lift its own yardstick) and exceeds Q3 by at least the minimum share, given enough comparables.
     */
    List<Flag> outliers(List<MarketTrades.PricedTrade> trades) {
        Map<String, Map<String, List<MarketTrades.PricedTrade>>> cells = new TreeMap<>();
        for (MarketTrades.PricedTrade t : trades) {
            cells.computeIfAbsent(t.trade().industry() + " · " + t.classification() + " · " + t.planKind(), k -> new TreeMap<>())
                    .computeIfAbsent(t.product(), k -> new ArrayList<>()).add(t);
        }
        List<Flag> flags = new ArrayList<>();
        for (var cell : cells.entrySet()) {
            Map<String, Long> price = new LinkedHashMap<>();
            cell.getValue().forEach((product, ts) -> price.put(product, Quartiles.of(ts.stream().map(MarketTrades.PricedTrade::amount).toList()).medianMinor()));
            for (var product : price.entrySet()) {
                List<Long> others = price.entrySet().stream().filter(e -> !e.getKey().equals(product.getKey())).map(Map.Entry::getValue).toList();
                if (others.size() < settings.outlierMinComparables()) {
                    continue;
                }
                Quartiles q = Quartiles.of(others);
                long fence = q.q3Minor() + BigDecimal.valueOf(settings.outlierIqrFactor()).multiply(BigDecimal.valueOf(q.iqrMinor()))
                        .setScale(0, RoundingMode.CEILING).longValueExact();
                long floor = BigDecimal.valueOf(q.q3Minor()).multiply(BigDecimal.valueOf(100L + settings.outlierMinExcessPercent()))
                        .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING).longValueExact();
                long threshold = Math.max(fence, floor);
                if (product.getValue() > threshold) {
                    List<MarketTrades.PricedTrade> ts = cell.getValue().get(product.getKey());
                    Map<String, Long> numbers = new LinkedHashMap<>();
                    numbers.put("priceMinor", product.getValue());
                    numbers.put("comparables", (long) others.size());
                    numbers.put("q1Minor", q.q1Minor());
                    numbers.put("medianMinor", q.medianMinor());
                    numbers.put("q3Minor", q.q3Minor());
                    numbers.put("iqrMinor", q.iqrMinor());
                    numbers.put("thresholdMinor", threshold);
                    flags.add(new Flag(Rule.PRICE_OUTLIER, product.getKey(), ts.get(0).merchant(), null,
                            "median price " + product.getValue() + " exceeds the threshold " + threshold + " of " + others.size()
                                    + " comparable products (" + cell.getKey() + "): Q3 " + q.q3Minor() + " + "
                                    + settings.outlierIqrFactor() + " × IQR " + q.iqrMinor() + " = " + fence + ", and at least "
                                    + settings.outlierMinExcessPercent() + "% above Q3 = " + floor + "; comparables' median "
                                    + q.medianMinor(),
                            numbers, ts.stream().map(t -> t.trade().tradeId()).toList()));
                }
            }
        }
        return flags;
    }

    /**
     * The same product to comparable buyers at different prices (大数据杀熟): comparable buyers bought the same product
     * version under the same plan kind, from the same side of the border (all domestic or all cross-border), in the same
     * calendar period (UTC); flagged when at least two buyers are in the group and the highest price exceeds the lowest
     * by more than the configured share.
     */
    List<Flag> discrimination(List<MarketTrades.PricedTrade> trades) {
        Map<List<String>, List<MarketTrades.PricedTrade>> groups = new TreeMap<>(Comparator.comparing(Object::toString));
        for (MarketTrades.PricedTrade t : trades) {
            groups.computeIfAbsent(List.of(t.product(), t.trade().request().version(), t.planKind(),
                    t.trade().crossBorder() ? "cross-border" : "domestic", period(t.trade().recordedAt())), k -> new ArrayList<>()).add(t);
        }
        List<Flag> flags = new ArrayList<>();
        for (var g : groups.entrySet()) {
            List<MarketTrades.PricedTrade> ts = g.getValue();
            Set<String> buyers = ts.stream().map(MarketTrades.PricedTrade::buyer).collect(Collectors.toCollection(TreeSet::new));
            if (buyers.size() < 2) {
                continue;
            }
            MarketTrades.PricedTrade low = ts.stream().min(Comparator.comparingLong(MarketTrades.PricedTrade::amount)).orElseThrow();
            MarketTrades.PricedTrade high = ts.stream().max(Comparator.comparingLong(MarketTrades.PricedTrade::amount)).orElseThrow();
            if (low.buyer().equals(high.buyer()) || high.amount() == low.amount()) {
                continue;
            }
            // high > low × (1 + spread%), in integers: high × 100 > low × (100 + spread)
            boolean apart = BigDecimal.valueOf(high.amount()).multiply(BigDecimal.valueOf(100))
                    .compareTo(BigDecimal.valueOf(low.amount()).multiply(BigDecimal.valueOf(100L + settings.discriminationSpreadPercent()))) > 0;
            if (!apart) {
                continue;
            }
            long spreadBp = low.amount() == 0 ? Long.MAX_VALUE : BigDecimal.valueOf(high.amount() - low.amount()).multiply(BigDecimal.valueOf(10_000))
                    .divide(BigDecimal.valueOf(low.amount()), 0, RoundingMode.DOWN).longValueExact();
            Map<String, Long> numbers = new LinkedHashMap<>();
            numbers.put("lowestMinor", low.amount());
            numbers.put("highestMinor", high.amount());
            numbers.put("spreadBasisPoints", spreadBp);
            numbers.put("buyers", (long) buyers.size());
            numbers.put("trades", (long) ts.size());
            numbers.put("thresholdBasisPoints", settings.discriminationSpreadPercent() * 100L);
            flags.add(new Flag(Rule.PRICE_DISCRIMINATION, low.product(), low.merchant(), null,
                    "version " + g.getKey().get(1) + " (" + g.getKey().get(2) + ", " + g.getKey().get(3) + " buyers, period "
                            + g.getKey().get(4) + ") sold to " + buyers.size() + " buyers at " + low.amount() + " (" + low.buyer()
                            + ") to " + high.amount() + " (" + high.buyer() + "): " + (spreadBp == Long.MAX_VALUE ? "from zero"
                            : spreadBp / 100 + "." + String.format("%02d", spreadBp % 100) + "%") + " apart, above the "
                            + settings.discriminationSpreadPercent() + "% allowed",
                    numbers, ts.stream().map(t -> t.trade().tradeId()).toList()));
        }
        return flags;
    }

    /** The calendar period (UTC) a time falls in: 2026-11-30, 2026-W48 or 2026-11. */
    String period(Instant at) {
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        return switch (settings.discriminationPeriod()) {
            case DAY -> day.toString();
            case WEEK -> day.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> day.toString().substring(0, 7);
        };
    }

    /**
     * Tied sales, from the orders the trades settled: product A is tied to product B of the same merchant when A has at
     * least the minimum number of orders and every one of them was placed by a buyer who also ordered B within the
     * window before or after it, so A was never bought without B.
     */
    List<Flag> tiedSales(List<MarketTrades.PricedTrade> trades) {
        Map<String, PurchaseOrder> orders = new LinkedHashMap<>();
        Map<String, String> merchantOf = new HashMap<>();
        Map<String, String> tradeOfOrder = new HashMap<>();
        for (MarketTrades.PricedTrade t : trades) {
            if (t.order() != null) {
                orders.putIfAbsent(t.order().id(), t.order());
                merchantOf.put(t.product(), t.merchant());
                tradeOfOrder.putIfAbsent(t.order().id(), t.trade().tradeId());
            }
        }
        Map<String, List<PurchaseOrder>> byProduct = new TreeMap<>();
        Map<String, List<PurchaseOrder>> byBuyer = new HashMap<>();
        for (PurchaseOrder o : orders.values()) {
            byProduct.computeIfAbsent(o.productId(), k -> new ArrayList<>()).add(o);
            byBuyer.computeIfAbsent(o.buyerOrgId(), k -> new ArrayList<>()).add(o);
        }
        Duration window = settings.tiedWindow();
        List<Flag> flags = new ArrayList<>();
        for (var a : byProduct.entrySet()) {
            List<PurchaseOrder> ofA = a.getValue();
            if (ofA.size() < settings.tiedMinOrders()) {
                continue;
            }
            Set<String> alwaysWith = null;
            for (PurchaseOrder o : ofA) {
                Set<String> with = new TreeSet<>();
                for (PurchaseOrder other : byBuyer.get(o.buyerOrgId())) {
                    if (!other.productId().equals(a.getKey()) && merchantOf.get(a.getKey()).equals(merchantOf.get(other.productId()))
                            && Duration.between(o.createdAt(), other.createdAt()).abs().compareTo(window) <= 0) {
                        with.add(other.productId());
                    }
                }
                if (alwaysWith == null) {
                    alwaysWith = with;
                } else {
                    alwaysWith.retainAll(with);
                }
                if (alwaysWith.isEmpty()) {
                    break;
                }
            }
            for (String b : alwaysWith) {
                long buyers = ofA.stream().map(PurchaseOrder::buyerOrgId).distinct().count();
                Map<String, Long> numbers = new LinkedHashMap<>();
                numbers.put("orders", (long) ofA.size());
                numbers.put("ordersWithOther", (long) ofA.size());
                numbers.put("buyers", buyers);
                numbers.put("windowSeconds", window.toSeconds());
                flags.add(new Flag(Rule.TIED_SALE, a.getKey(), merchantOf.get(a.getKey()), b,
                        "all " + ofA.size() + " orders of this product (by " + buyers + " buyer" + (buyers == 1 ? "" : "s")
                                + ") came with an order of " + b + " from the same merchant by the same buyer within "
                                + window.toMinutes() + " minutes; it was never bought alone",
                        numbers, ofA.stream().map(o -> tradeOfOrder.get(o.id())).toList()));
            }
        }
        return flags;
    }
}

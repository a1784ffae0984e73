package org.dataexchange.marketplace.conduct;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Prices of the ledger's trades per industry, classification and plan kind. Everyone sees the cells in which at least
 * {@code publicMinParties} distinct merchants and as many distinct buyers traded, without any party; the cells below
 * that are only counted (a cell of one merchant would publish that merchant's prices, one of a single buyer what it
 * paid). The regulator sees every cell with its merchants.
 */
@Singleton
class PriceStatistics {

    /** A merchant's share of a cell (the regulator's view only). */
    @Serdeable
    record MerchantShare(String merchant, long trades, long valueMinor, long medianMinor) {}

    /** One cell: its trades, value, distinct parties and the price distribution. */
    @Serdeable
    record Cell(String industry, String classification, String planKind, long trades, long valueMinor, long meanMinor,
                int merchants, int buyers, Quartiles prices, @Nullable List<MerchantShare> merchantShares) {}

    /**
     * The statistics of [from, to): the cells shown, how many cells and trades were withheld as too small to publish
     * (zero for the regulator), the threshold, and the trades of the period as a whole.
     */
    @Serdeable
    record Report(@Nullable Instant from, @Nullable Instant to, long trades, long valueMinor, List<Cell> cells,
                  int withheldCells, long withheldTrades, int minParties, boolean full) {}

    private final MarketTrades market;
    private final ConductSettings settings;

    PriceStatistics(MarketTrades market, ConductSettings settings) {
        this.market = market;
        this.settings = settings;
    }

    Report publicView(@Nullable Instant from, @Nullable Instant to) {
        return of(market.between(from, to), from, to, false);
    }

    Report regulatorView(@Nullable Instant from, @Nullable Instant to) {
        return of(market.between(from, to), from, to, true);
    }

    Report of(List<MarketTrades.PricedTrade> trades, @Nullable Instant from, @Nullable Instant to, boolean full) {
        Map<List<String>, List<MarketTrades.PricedTrade>> cells = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        long value = 0;
        for (MarketTrades.PricedTrade t : trades) {
            cells.computeIfAbsent(List.of(t.trade().industry(), t.classification(), t.planKind()), k -> new ArrayList<>()).add(t);
            value += t.amount();
        }
        List<Cell> shown = new ArrayList<>();
        int withheld = 0;
        long withheldTrades = 0;
        for (var e : cells.entrySet()) {
            List<MarketTrades.PricedTrade> in = e.getValue();
            Set<String> merchants = new HashSet<>();
            Set<String> buyers = new HashSet<>();
            long cellValue = 0;
            List<Long> prices = new ArrayList<>();
            for (MarketTrades.PricedTrade t : in) {
                merchants.add(t.merchant());
                buyers.add(t.buyer());
                cellValue += t.amount();
                prices.add(t.amount());
            }
            if (!full && (merchants.size() < settings.publicMinParties() || buyers.size() < settings.publicMinParties())) {
                withheld++;
                withheldTrades += in.size();
                continue;
            }
            List<MerchantShare> shares = null;
            if (full) {
                Map<String, List<Long>> perMerchant = new TreeMap<>();
                in.forEach(t -> perMerchant.computeIfAbsent(t.merchant(), k -> new ArrayList<>()).add(t.amount()));
                shares = new ArrayList<>();
                for (var m : perMerchant.entrySet()) {
                    shares.add(new MerchantShare(m.getKey(), m.getValue().size(), m.getValue().stream().mapToLong(Long::longValue).sum(),
                            Quartiles.of(m.getValue()).medianMinor()));
                }
            }
            long mean = BigInteger.valueOf(cellValue).divide(BigInteger.valueOf(in.size())).longValueExact();
            shown.add(new Cell(e.getKey().get(0), e.getKey().get(1), e.getKey().get(2), in.size(), cellValue, mean,
                    merchants.size(), buyers.size(), Quartiles.of(prices), shares));
        }
        return new Report(from, to, trades.size(), value, shown, withheld, withheldTrades, settings.publicMinParties(), full);
    }
}

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
import org.dataexchange.ledger.offvenue.OffVenueDeal;
import org.dataexchange.marketplace.offvenue.OffVenueLedger;

/**
 * Prices of the ledger's trades per industry, classification and plan kind, and apart from them those of the off-venue
 * deals on the ledger (场外, registered with the exchange and verified by its operator), never mixed into the trades'
 * cells or totals. Everyone sees the cells in which at least
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
     * (zero for the regulator), the threshold, and the trades of the period as a whole. {@code venue} is
     * {@code ON_VENUE} for the exchange's trades, whose report carries the off-venue deals' own report in
     * {@code offVenue} ({@code OFF_VENUE}: its "trades" are deals, its plan kinds the ones the parties declared).
     */
    @Serdeable
    record Report(@Nullable Instant from, @Nullable Instant to, long trades, long valueMinor, List<Cell> cells,
                  int withheldCells, long withheldTrades, int minParties, boolean full, String venue,
                  @Nullable Report offVenue) {}

    /** What a price statistic needs of a trade or an off-venue deal. */
    interface Priced {
        String industry();

        String classification();

        String planKind();

        String merchant();

        String buyer();

        long amount();
    }

    /** An off-venue deal on the ledger as a priced item. */
    record PricedDeal(OffVenueDeal deal) implements Priced {
        public String industry() {
            return deal.request().industry();
        }

        public String classification() {
            return deal.request().classificationLevel().name();
        }

        public String planKind() {
            return deal.request().planKind().name();
        }

        public String merchant() {
            return deal.request().merchantId();
        }

        public String buyer() {
            return deal.request().buyerId();
        }

        public long amount() {
            return deal.request().amount();
        }
    }

    private final MarketTrades market;
    private final OffVenueLedger offVenue;
    private final ConductSettings settings;

    PriceStatistics(MarketTrades market, OffVenueLedger offVenue, ConductSettings settings) {
        this.market = market;
        this.offVenue = offVenue;
        this.settings = settings;
    }

    Report publicView(@Nullable Instant from, @Nullable Instant to) {
        return of(market.between(from, to), offVenueDeals(from, to), from, to, false);
    }

    Report regulatorView(@Nullable Instant from, @Nullable Instant to) {
        return of(market.between(from, to), offVenueDeals(from, to), from, to, true);
    }

    /** The off-venue deals on the ledger recorded in [from, to), as priced items. */
    List<PricedDeal> offVenueDeals(@Nullable Instant from, @Nullable Instant to) {
        return offVenue.recordedBetween(from, to).stream().map(PricedDeal::new).toList();
    }

    /** The trades' statistics with the off-venue deals' beside them, each on its own. */
    Report of(List<MarketTrades.PricedTrade> trades, List<PricedDeal> deals, @Nullable Instant from, @Nullable Instant to,
              boolean full) {
        return of(trades, from, to, full, "ON_VENUE", of(deals, from, to, full, "OFF_VENUE", null));
    }

    private Report of(List<? extends Priced> trades, @Nullable Instant from, @Nullable Instant to, boolean full, String venue,
                      @Nullable Report offVenueReport) {
        Map<List<String>, List<Priced>> cells = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        long value = 0;
        for (Priced t : trades) {
            cells.computeIfAbsent(List.of(t.industry(), t.classification(), t.planKind()), k -> new ArrayList<>()).add(t);
            value += t.amount();
        }
        List<Cell> shown = new ArrayList<>();
        int withheld = 0;
        long withheldTrades = 0;
        for (var e : cells.entrySet()) {
            List<Priced> in = e.getValue();
            Set<String> merchants = new HashSet<>();
            Set<String> buyers = new HashSet<>();
            long cellValue = 0;
            List<Long> prices = new ArrayList<>();
            for (Priced t : in) {
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
        return new Report(from, to, trades.size(), value, shown, withheld, withheldTrades, settings.publicMinParties(), full,
                venue, offVenueReport);
    }
}

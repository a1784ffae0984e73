package org.dataexchange.marketplace.regulator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.dataexchange.ledger.state.Page;
import org.dataexchange.ledger.trade.Trade;
import org.dataexchange.settlementclient.SettlementClient;

/**
 * The regulator's reading of the trade ledger: filtered pages and statistics computed from the trades on the
 * ledger itself (with the regulator's identity), never from the exchange's database.
 */
@Singleton
public class LedgerTrades {

    /** Which trades: each field optional. */
    public record Filter(@Nullable Instant from, @Nullable Instant to, @Nullable String product, @Nullable String merchant,
                         @Nullable String buyer, @Nullable String industry, @Nullable String classification,
                         @Nullable Boolean crossBorder) {

        Predicate<Trade> predicate() {
            return t -> (merchant == null || merchant.equals(t.request().sellerId()))
                    && (buyer == null || buyer.equals(t.request().buyerId()))
                    && (product == null || product.equals(t.request().productId()))
                    && (industry == null || industry.equalsIgnoreCase(t.industry()))
                    && (classification == null || classification.equalsIgnoreCase(t.classificationLevel().name()))
                    && (crossBorder == null || crossBorder == t.crossBorder())
                    && (from == null || !t.recordedAt().isBefore(from))
                    && (to == null || t.recordedAt().isBefore(to));
        }
    }

    @Serdeable
    public record Bucket(String key, long trades, long valueMinor) {}

    /**
     * A trade as the regulator sees it: the ledger's record and the block it is in, and whether it was matched (交易撮合:
     * the order was placed by accepting a merchant's answer to a buyer's need). The marker comes from the exchange's
     * books, joined by the order reference: the ledger records what was traded and how it settled, which a matched
     * trade does the same way; how the parties found each other is the exchange's service, not a settlement fact, and
     * adding it to the contract's trade record would change the record every trade is validated and hashed by.
     */
    @Serdeable
    public record LedgerTrade(org.dataexchange.ledger.trade.TradeRequest request,
                              org.dataexchange.ledger.product.ClassificationLevel classificationLevel, String industry,
                              boolean crossBorder, Instant recordedAt, String txId, long blockNumber, boolean matched) {}

    /** Blocks never change, so a transaction's block number can be remembered. */
    private final Map<String, Long> blockOfTx = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > 100_000;
        }
    });

    /** A page of trades as the ledger answers it (its bookmark: empty on the last page), each with its block. */
    @Serdeable
    public record TradePage(List<LedgerTrade> records, String bookmark, int fetchedRecordsCount) {}

    /** The trades with their block numbers. */
    public TradePage withBlocks(Page<Trade> page) {
        return new TradePage(withBlocks(page.records()), page.bookmark(), page.fetchedRecordsCount());
    }

    public List<LedgerTrade> withBlocks(List<Trade> trades) {
        List<LedgerTrade> out = new ArrayList<>();
        java.util.Set<String> matched = matching.matchedOrders(trades.stream().map(t -> t.request().orderRef()).toList());
        for (Trade t : trades) {
            long block = blockOfTx.computeIfAbsent(t.txId(), tx -> ledger.transaction(tx)
                    .map(org.dataexchange.settlementclient.LedgerTransaction::blockNumber).orElse(-1L));
            out.add(new LedgerTrade(t.request(), t.classificationLevel(), t.industry(), t.crossBorder(), t.recordedAt(), t.txId(), block,
                    matched.contains(t.request().orderRef())));
        }
        return out;
    }

    /** Numbers for charts (values in minor units; one currency in practice, CNY). */
    @Serdeable
    public record Statistics(long trades, long valueMinor, List<Bucket> perDay, List<Bucket> perIndustry,
                             List<Bucket> perClassification, long crossBorderTrades, double crossBorderShare,
                             List<Bucket> topMerchants) {}

    private final SettlementClient ledger;
    private final org.dataexchange.marketplace.matching.Matching matching;

    public LedgerTrades(@Named("regulator") SettlementClient ledger, org.dataexchange.marketplace.matching.Matching matching) {
        this.ledger = ledger;
        this.matching = matching;
    }

    /** A page of matching trades; the ledger query that fits the filter best, then the remaining conditions. */
    public Page<Trade> page(Filter f, int size, String bookmark) {
        List<Trade> matched = new ArrayList<>();
        String next = bookmark == null ? "" : bookmark;
        Predicate<Trade> keep = f.predicate();
        do {
            Page<Trade> page = f.product() != null ? ledger.tradesByProduct(f.product(), size, next)
                    : f.merchant() != null ? ledger.tradesByParty(f.merchant(), size, next)
                    : f.buyer() != null ? ledger.tradesByParty(f.buyer(), size, next)
                    : ledger.tradesByTime(f.from() == null ? Instant.EPOCH : f.from(),
                            f.to() == null ? Instant.now().plusSeconds(60) : f.to(), size, next);
            page.records().stream().filter(keep).forEach(matched::add);
            next = page.bookmark();
        } while (matched.size() < size && next != null && !next.isEmpty());
        return new Page<>(matched, next == null ? "" : next, matched.size());
    }

    /** Every matching trade (for exports and statistics). */
    public List<Trade> all(Filter f) {
        List<Trade> all = new ArrayList<>();
        String bookmark = "";
        do {
            Page<Trade> page = page(f, 500, bookmark);
            all.addAll(page.records());
            bookmark = page.bookmark();
        } while (!bookmark.isEmpty());
        return all;
    }

    public Statistics statistics(Filter f) {
        List<Trade> trades = all(f);
        Map<String, long[]> days = new TreeMap<>();
        Map<String, long[]> industries = new TreeMap<>();
        Map<String, long[]> levels = new TreeMap<>();
        Map<String, long[]> merchants = new TreeMap<>();
        long value = 0;
        long crossBorder = 0;
        for (Trade t : trades) {
            long amount = t.request().amount();
            value += amount;
            add(days, t.recordedAt().atZone(ZoneOffset.UTC).toLocalDate().toString(), amount);
            add(industries, t.industry(), amount);
            add(levels, t.classificationLevel().name(), amount);
            add(merchants, t.request().sellerId(), amount);
            if (t.crossBorder()) {
                crossBorder++;
            }
        }
        if (f.from() != null && f.to() != null) {
            // A chosen range is charted day by day: the days without trades are there, as zero.
            java.time.LocalDate day = f.from().atZone(ZoneOffset.UTC).toLocalDate();
            java.time.LocalDate last = f.to().minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate();
            for (int i = 0; i < MAX_FILLED_DAYS && !day.isAfter(last); i++, day = day.plusDays(1)) {
                days.computeIfAbsent(day.toString(), k -> new long[2]);
            }
        }
        List<Bucket> top = buckets(merchants);
        top.sort((a, b) -> Long.compare(b.valueMinor(), a.valueMinor()));
        return new Statistics(trades.size(), value, buckets(days), buckets(industries), buckets(levels), crossBorder,
                trades.isEmpty() ? 0 : (double) crossBorder / trades.size(), top.subList(0, Math.min(10, top.size())));
    }

    /** At most this many days are filled in with zeros (a longer range shows the days that have trades). */
    static final int MAX_FILLED_DAYS = 1000;

    private static void add(Map<String, long[]> map, String key, long amount) {
        long[] b = map.computeIfAbsent(key, k -> new long[2]);
        b[0]++;
        b[1] += amount;
    }

    private static List<Bucket> buckets(Map<String, long[]> map) {
        List<Bucket> out = new ArrayList<>();
        map.forEach((k, v) -> out.add(new Bucket(k, v[0], v[1])));
        return out;
    }

    /**
     * Trades as CSV (RFC 4180), one row per trade: the ledger's record, its transaction and block, the gate approvals and
     * the split lines ({@code party:role:amount} separated by {@code ;}; a royalty line adds {@code :parentCertificate}).
     */
    public static String csv(List<LedgerTrade> trades) {
        StringBuilder out = new StringBuilder("tradeId,recordedAt,productId,version,buyerId,sellerId,amountMinor,currency,"
                + "classification,industry,crossBorder,transactionId,blockNumber,buyerLocation,deliveryLocation,"
                + "regulatorApprovalRef,securityAgreementRef,exportAssessmentRef,splitLines,matched\r\n");
        for (LedgerTrade t : trades) {
            var r = t.request();
            var approvals = r.approvals();
            String split = String.join(";", r.splitLines().stream()
                    .map(l -> l.party() + ":" + l.role().name() + ":" + l.amount()
                            + (l.parentCertificateId() == null ? "" : ":" + l.parentCertificateId())).toList());
            out.append(String.join(",", List.of(field(r.tradeId()), field(t.recordedAt().toString()),
                    field(r.productId()), field(r.version()), field(r.buyerId()),
                    field(r.sellerId()), Long.toString(r.amount()), field(r.currency()),
                    t.classificationLevel().name(), field(t.industry()), Boolean.toString(t.crossBorder()), field(t.txId()),
                    Long.toString(t.blockNumber()), field(r.buyerLocation()), field(r.deliveryLocation()),
                    field(approvals == null ? null : approvals.regulatorApprovalRef()),
                    field(approvals == null ? null : approvals.securityAgreementRef()),
                    field(approvals == null ? null : approvals.exportAssessmentRef()), field(split),
                    Boolean.toString(t.matched()))))
                    .append("\r\n");
        }
        return out.toString();
    }

    public static String csv(Statistics s) {
        StringBuilder out = new StringBuilder("dimension,key,trades,valueMinor\r\n");
        s.perDay().forEach(b -> out.append("day,").append(field(b.key())).append(',').append(b.trades()).append(',').append(b.valueMinor()).append("\r\n"));
        s.perIndustry().forEach(b -> out.append("industry,").append(field(b.key())).append(',').append(b.trades()).append(',').append(b.valueMinor()).append("\r\n"));
        s.perClassification().forEach(b -> out.append("classification,").append(field(b.key())).append(',').append(b.trades()).append(',').append(b.valueMinor()).append("\r\n"));
        s.topMerchants().forEach(b -> out.append("merchant,").append(field(b.key())).append(',').append(b.trades()).append(',').append(b.valueMinor()).append("\r\n"));
        return out.toString();
    }

    private static String field(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
        return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}

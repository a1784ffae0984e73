package org.dataexchange.marketplace.valuation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dataexchange.ledger.trade.Trade;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.catalogue.CatalogueService;
import org.dataexchange.marketplace.catalogue.PricingPlan;
import org.dataexchange.marketplace.catalogue.ProductSheet;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.regulator.LedgerTrades;

/**
 * Comparable trades' prices for a product's plans. Comparable: recorded on the ledger (read as the regulator reads it,
 * {@link LedgerTrades}), of another product of the same industry and classification (the ledger's trade record holds
 * both), in the same currency, under a plan of the same kind as the exchange's books recorded it for the order (a
 * subscription of the same period; a private offer counts as a one-off price for the licence term). Metered plans are
 * not compared: their trades are a month's calls, not a price.
 *
 * <p>At least {@link #MINIMUM_COMPARABLES} trades are needed. With fewer, quartiles fall on or next to single trades,
 * whose prices their parties know, so the distribution would tell one party what another paid. With enough, only the
 * quartiles (25th, 50th, 75th percentiles, interpolated) and a histogram over the 10th to 90th percentile range are
 * shown, never the lowest or highest trade (those fall into the first and last bins).
 */
@Singleton
public class Valuation {

    /** Fewer comparable trades than this and no distribution is shown. */
    public static final int MINIMUM_COMPARABLES = 5;

    static final int BINS = 8;

    @Serdeable
    public record Bin(long fromMinor, long toMinor, int trades) {}

    @Serdeable
    public record PlanValuation(String planId, PricingPlan.Kind kind, @Nullable PricingPlan.Period period, long priceMinor,
                                String currency, boolean compared, int comparables, boolean enough,
                                @Nullable Long p25Minor, @Nullable Long medianMinor, @Nullable Long p75Minor,
                                List<Bin> histogram, @Nullable Integer pricePercentile, String noteZh, String noteEn) {}

    @Serdeable
    public record ProductValuation(String productId, String industry, String classification, int minimumComparables,
                                   List<PlanValuation> plans) {}

    private final LedgerTrades trades;
    private final CatalogueService catalogue;
    private final OrderService orders;

    Valuation(LedgerTrades trades, CatalogueService catalogue, OrderService orders) {
        this.trades = trades;
        this.catalogue = catalogue;
        this.orders = orders;
    }

    /** The valuation of each public plan of the product (and of private offers, for the merchant's own products). */
    public ProductValuation of(Viewer viewer, String productId) {
        ProductSheet sheet = catalogue.sheet(viewer, productId);
        String level = sheet.classification().level().name();
        List<Trade> sameMarket = trades.all(new LedgerTrades.Filter(null, null, null, null, null,
                sheet.industry().name(), level, null)).stream()
                .filter(t -> !t.request().productId().equals(productId)).toList();
        Map<String, PricingPlan> planOfOrder = orders.plansOf(sameMarket.stream().map(t -> t.request().orderRef()).toList());
        List<PlanValuation> plans = new ArrayList<>();
        for (PricingPlan plan : sheet.pricingPlans()) {
            if (plan.kind() == PricingPlan.Kind.METERED) {
                plans.add(new PlanValuation(plan.id(), plan.kind(), null, plan.unitPriceMinor(), plan.currency(), false, 0,
                        false, null, null, null, List.of(), null, "按量计费的方案不作比较：其交易额是一个月的调用量，而非价格",
                        "metered plans are not compared: their trades are a month's calls, not a price"));
                continue;
            }
            List<Long> prices = sameMarket.stream()
                    .filter(t -> t.request().currency().equals(plan.currency()))
                    .filter(t -> sameKind(plan, planOfOrder.get(t.request().orderRef())))
                    .map(t -> t.request().amount()).sorted().toList();
            plans.add(valuation(plan, prices));
        }
        return new ProductValuation(productId, sheet.industry().name(), level, MINIMUM_COMPARABLES, plans);
    }

    private static boolean sameKind(PricingPlan own, @Nullable PricingPlan traded) {
        if (traded == null) {
            return false;
        }
        return switch (own.kind()) {
            case ONE_OFF, PRIVATE_OFFER -> traded.kind() == PricingPlan.Kind.ONE_OFF || traded.kind() == PricingPlan.Kind.PRIVATE_OFFER;
            case SUBSCRIPTION -> traded.kind() == PricingPlan.Kind.SUBSCRIPTION && Objects.equals(own.period(), traded.period());
            case METERED -> false;
        };
    }

    static PlanValuation valuation(PricingPlan plan, List<Long> sorted) {
        int n = sorted.size();
        if (n < MINIMUM_COMPARABLES) {
            return new PlanValuation(plan.id(), plan.kind(), plan.period(), plan.priceMinor(), plan.currency(), true, n,
                    false, null, null, null, List.of(), null,
                    "可比成交不足 " + MINIMUM_COMPARABLES + " 笔（现有 " + n + " 笔）：为不泄露单笔成交价，不显示分布",
                    "fewer than " + MINIMUM_COMPARABLES + " comparable trades (" + n + "): no distribution is shown, so that"
                            + " no single trade's price can be told");
        }
        long p10 = quantile(sorted, 0.10);
        long p90 = quantile(sorted, 0.90);
        List<Bin> bins = new ArrayList<>();
        if (p90 <= p10) {
            bins.add(new Bin(p10, p90, n));
        } else {
            long width = Math.max(1, (p90 - p10 + BINS - 1) / BINS);
            int[] counts = new int[BINS];
            for (long price : sorted) {
                int bin = (int) Math.min(BINS - 1, Math.max(0, (price - p10) / width));
                counts[bin]++;
            }
            for (int i = 0; i < BINS; i++) {
                bins.add(new Bin(p10 + i * width, p10 + (i + 1) * width, counts[i]));
            }
        }
        long below = sorted.stream().filter(p -> p < plan.priceMinor()).count();
        long equal = sorted.stream().filter(p -> p == plan.priceMinor()).count();
        int percentile = (int) Math.round(100.0 * (below + equal / 2.0) / n);
        return new PlanValuation(plan.id(), plan.kind(), plan.period(), plan.priceMinor(), plan.currency(), true, n, true,
                quantile(sorted, 0.25), quantile(sorted, 0.50), quantile(sorted, 0.75), bins, percentile,
                "可比成交 " + n + " 笔；本方案价格高于其中约 " + percentile + "%",
                n + " comparable trades; this plan's price is above about " + percentile + "% of them");
    }

    /** The q-quantile by linear interpolation between order statistics (Hyndman and Fan type 7), rounded to a minor unit. */
    static long quantile(List<Long> sorted, double q) {
        double h = (sorted.size() - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.size() - 1, lo + 1);
        return Math.round(sorted.get(lo) + (h - lo) * (sorted.get(hi) - sorted.get(lo)));
    }
}

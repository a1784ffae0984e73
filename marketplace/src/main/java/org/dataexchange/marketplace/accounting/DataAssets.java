package org.dataexchange.marketplace.accounting;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.catalogue.CatalogueService;
import org.dataexchange.marketplace.catalogue.PricingPlan;
import org.dataexchange.marketplace.catalogue.ProductSummary;
import org.dataexchange.marketplace.order.LicenceWindow;
import org.dataexchange.marketplace.order.OrderDetails;
import org.dataexchange.marketplace.order.OrderBook;
import org.dataexchange.marketplace.order.OrderRepositories;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.OrderStatus;
import org.dataexchange.marketplace.order.PurchaseOrder;
import org.dataexchange.marketplace.organisation.Organisation;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * An organisation's data assets: one per licence it holds (an order it placed, as buyer or as a merchant licensing
 * another merchant's data, settled on the ledger), at cost (the price paid less refunds), over the licence's term,
 * amortised straight-line by month ({@link Amortisation}). A merchant's sales are never its assets.
 */
@Singleton
class DataAssets {

    /** A licence as a data asset. */
    @Serdeable
    record Asset(String orderId, String productId, String productTitle, String version, String merchant, String merchantCreditCode,
                 String planKind, String currency, long priceMinor, long refundedMinor, long costMinor, Instant termFrom,
                 Instant termUntil, int months, boolean revoked, @Nullable String certificateId, String transactionId,
                 long blockNumber, List<Amortisation.Month> amortisation) {}

    private static final Set<OrderStatus> HELD = EnumSet.of(OrderStatus.SETTLED, OrderStatus.DELIVERED);

    private final OrderBook orders;
    private final OrderService orderService;
    private final CatalogueService catalogue;
    private final OrganisationDirectory organisations;

    DataAssets(OrderBook orders, OrderService orderService, CatalogueService catalogue, OrganisationDirectory organisations) {
        this.orders = orders;
        this.orderService = orderService;
        this.catalogue = catalogue;
        this.organisations = organisations;
    }

    List<Asset> of(Viewer holder) {
        Map<String, ProductSummary> products = new HashMap<>();
        List<Asset> out = new ArrayList<>();
        for (PurchaseOrder o : orders.ofBuyer(holder.organisationId())) {
            if (!HELD.contains(o.status()) || o.transactionId() == null || o.paidAt() == null || !OrderBook.heldBy(holder, o)) {
                continue;
            }
            OrderDetails d = orderService.details(o);
            LicenceWindow term = d.termFrom(o.paidAt());
            long refunded = orderService.refunds(o.id()).stream().mapToLong(OrderRepositories.Refund::amountMinor).sum();
            long cost = Math.max(0, o.amountMinor() - refunded);
            String merchantOrg = catalogue.merchantOf(o.productId());
            ProductSummary product = products.computeIfAbsent(o.productId(), id -> catalogue.productsOf(merchantOrg).stream()
                    .filter(p -> p.id().equals(id)).findFirst().orElse(null));
            Organisation merchant = organisations.find(merchantOrg).orElse(null);
            List<Amortisation.Month> schedule = Amortisation.schedule(cost, term.from(), term.until());
            PricingPlan plan = d.plan();
            out.add(new Asset(o.id(), o.productId(), product == null ? o.productId() : product.title(), o.productVersion(),
                    merchant == null ? merchantOrg : merchant.name(), merchant == null ? "" : merchant.creditCode(),
                    plan == null ? o.planId() : plan.kind().name(), o.currency(), o.amountMinor(), refunded, cost, term.from(),
                    term.until(), schedule.size(), o.licenceRevoked(), o.certificateId(), o.transactionId(),
                    o.blockNumber() == null ? -1 : o.blockNumber(), schedule));
        }
        return out;
    }

    static final String ASSET_HEADER = "orderId,transactionId,blockNumber,certificateId,productId,productTitle,version,merchant,"
            + "merchantCreditCode,planKind,currency,priceMinor,refundedMinor,costMinor,termFrom,termUntil,months,revoked";

    /** The amortisation schedule as CSV (RFC 4180): one row per asset and month, each with the asset's columns. */
    static String csv(List<Asset> assets) {
        StringBuilder out = new StringBuilder(ASSET_HEADER + ",month,periodFrom,periodUntil,chargeMinor,accumulatedMinor,carryingMinor\r\n");
        for (Asset a : assets) {
            for (Amortisation.Month m : a.amortisation()) {
                List<String> cells = new ArrayList<>(assetCells(a));
                cells.addAll(List.of(m.month(), m.from().toString(), m.until().toString(), Long.toString(m.chargeMinor()),
                        Long.toString(m.accumulatedMinor()), Long.toString(m.carryingMinor())));
                out.append(String.join(",", cells.stream().map(DataAssets::field).toList())).append("\r\n");
            }
        }
        return out.toString();
    }

    private static List<String> assetCells(Asset a) {
        return List.of(a.orderId(), a.transactionId(), Long.toString(a.blockNumber()), a.certificateId() == null ? "" : a.certificateId(),
                a.productId(), a.productTitle(), a.version(), a.merchant(), a.merchantCreditCode(), a.planKind(), a.currency(),
                Long.toString(a.priceMinor()), Long.toString(a.refundedMinor()), Long.toString(a.costMinor()), a.termFrom().toString(),
                a.termUntil().toString(), Integer.toString(a.months()), Boolean.toString(a.revoked()));
    }

    /**
     * The workbook: sheet "资产 Assets" (one row per licence) and sheet "摊销 Amortisation" (one row per licence and month,
     * the journal an accountant books), amounts in minor units as numbers and in yuan beside them.
     */
    static byte[] xlsx(List<Asset> assets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "data-exchange", "1.0");
            Worksheet sheet = wb.newWorksheet("资产 Assets");
            String[] header = ASSET_HEADER.split(",");
            for (int c = 0; c < header.length; c++) {
                sheet.value(0, c, header[c]);
            }
            sheet.value(0, header.length, "costYuan");
            int r = 1;
            for (Asset a : assets) {
                List<String> cells = assetCells(a);
                for (int c = 0; c < cells.size(); c++) {
                    if (c == 2 || c == 11 || c == 12 || c == 13 || c == 16) {
                        sheet.value(r, c, Long.parseLong(cells.get(c)));
                    } else {
                        sheet.value(r, c, cells.get(c));
                    }
                }
                sheet.value(r, header.length, java.math.BigDecimal.valueOf(a.costMinor(), 2));
                r++;
            }
            Worksheet journal = wb.newWorksheet("摊销 Amortisation");
            String[] jh = {"orderId", "transactionId", "productTitle", "currency", "month", "periodFrom", "periodUntil",
                    "chargeMinor", "accumulatedMinor", "carryingMinor", "chargeYuan"};
            for (int c = 0; c < jh.length; c++) {
                journal.value(0, c, jh[c]);
            }
            r = 1;
            for (Asset a : assets) {
                for (Amortisation.Month m : a.amortisation()) {
                    journal.value(r, 0, a.orderId());
                    journal.value(r, 1, a.transactionId());
                    journal.value(r, 2, a.productTitle());
                    journal.value(r, 3, a.currency());
                    journal.value(r, 4, m.month());
                    journal.value(r, 5, m.from().toString());
                    journal.value(r, 6, m.until().toString());
                    journal.value(r, 7, m.chargeMinor());
                    journal.value(r, 8, m.accumulatedMinor());
                    journal.value(r, 9, m.carryingMinor());
                    journal.value(r, 10, java.math.BigDecimal.valueOf(m.chargeMinor(), 2));
                    r++;
                }
            }
            wb.finish();
        } catch (IOException e) {
            throw new IllegalStateException("the workbook could not be written", e);
        }
        return out.toByteArray();
    }

    private static String field(String value) {
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r");
        return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}

package org.dataexchange.marketplace.statement;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.marketplace.ProductDrafts;
import org.dataexchange.marketplace.DemoData;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;
import org.dataexchange.marketplace.payment.Wallets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Statements are true to the books after refunds, and what a party owes is recovered from its next revenue; over real
 * HTTP against the in-process devnet. Each test lists its own product priced 100,003 fen, split 85% merchant, 10%
 * contributor, 5% platform: 85,002.55 / 10,000.3 / 5,000.15, so 85,003 / 10,000 / 5,000 by largest remainder.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class StatementRefundApiTest implements TestPropertyProvider {

    private static final long PRICE = 100_003;
    private static final long MERCHANT_LINE = 85_003;
    private static final long CONTRIBUTOR_LINE = 10_000;
    private static final long PLATFORM_LINE = 5_000;
    private static final String CONTRIBUTOR = "buoy-operator-statements";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    Wallets wallets;

    @Inject
    OrganisationDirectory directory;

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("statement-refund-test", "micronaut.server.port", "-1");
    }

    @BeforeEach
    void client() {
        api = new ApiClient(http);
    }

    @BeforeAll
    void buyerCanPay() {
        wallets.topUp(buyerOrg(), 2_000_000, "CNY", "statement test top-up", "test");
    }

    private String buyerOrg() {
        return directory.holderOf(DemoData.DEMO_BUYER_CREDIT_CODE).orElseThrow();
    }

    private Map<String, Object> listedProduct(String title) {
        return api.listNew(ProductDrafts.seaTemperature(title, List.of("FILE_DOWNLOAD"), CONTRIBUTOR,
                Map.of("id", "one-off", "kind", "ONE_OFF", "currency", "CNY", "priceMinor", PRICE)), "sst.csv",
                ProductDrafts.SEA_TEMPERATURE_CSV);
    }

    private String buy(Map<String, Object> product) throws InterruptedException {
        return api.buySettled(product, "one-off", "海洋研究 ocean research");
    }

    private void refund(String orderId, Long amountMinor) {
        String complaint = (String) api.json("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/complaints",
                Map.of("text", "数据与说明不符 the data differs from its sheet"))).get("id");
        Map<String, Object> decision = amountMinor == null
                ? Map.of("outcome", "FULL_REFUND", "note", "全额退款")
                : Map.of("outcome", "PARTIAL_REFUND", "note", "部分退款", "amountMinor", amountMinor);
        api.json("demo-operator", HttpRequest.POST("/api/operator/complaints/" + complaint + "/decide", decision));
    }

    private static String thisMonth() {
        return YearMonth.from(Instant.now().atZone(ZoneOffset.UTC)).toString();
    }

    private List<Map<String, Object>> revenue() {
        return http.toBlocking().retrieve(api.as("demo-merchant", HttpRequest.GET("/api/statements/revenue")),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    private Map<String, Object> revenueLine(Object productId) {
        List<Map<String, Object>> lines = revenue().stream().filter(l -> productId.equals(l.get("productId"))).toList();
        assertThat(lines).as("one line for the product this month").hasSize(1);
        assertThat(lines.get(0).get("month")).isEqualTo(thisMonth());
        return lines.get(0);
    }

    /** This month's CNY spending line of the demo buyer (an empty line when there is none). */
    private Map<String, Long> spending() {
        Map<String, Object> statement = api.json("demo-buyer", HttpRequest.GET("/api/statements/purchases"));
        Map<String, Long> line = new HashMap<>(Map.of("orders", 0L, "paidMinor", 0L, "refunds", 0L, "refundedMinor", 0L,
                "spentMinor", 0L));
        for (Map<String, Object> l : (List<Map<String, Object>>) statement.get("spending")) {
            if (thisMonth().equals(l.get("month")) && "CNY".equals(l.get("currency"))) {
                line.replaceAll((k, v) -> ((Number) l.get(k)).longValue());
            }
        }
        return line;
    }

    private Map<String, Object> orderSummary(String orderId) {
        Map<String, Object> statement = api.json("demo-buyer", HttpRequest.GET("/api/statements/purchases"));
        return ((List<Map<String, Object>>) statement.get("orders")).stream().filter(o -> orderId.equals(o.get("orderId")))
                .findFirst().orElseThrow();
    }

    private static long n(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    @Test
    void statementsDeductAPartialRefundAndKeepAFullyRefundedTradeWithItsRefund() throws Exception {
        Map<String, Object> product = listedProduct("海温日报 对账单 Daily SST for statements");
        Map<String, Long> spentBefore = spending();

        String partly = buy(product);
        String wholly = buy(product);
        assertThat(((List<Map<String, Object>>) ((Map<String, Object>) api.json("demo-buyer", HttpRequest.GET("/api/orders/"
                + partly)).get("details")).get("split"))).extracting(l -> n(l, "amountMinor"))
                .containsExactly(MERCHANT_LINE, CONTRIBUTOR_LINE, PLATFORM_LINE);
        Map<String, Object> sold = revenueLine(product.get("id"));
        assertThat(n(sold, "trades")).isEqualTo(2);
        assertThat(n(sold, "grossMinor")).isEqualTo(2 * MERCHANT_LINE);
        assertThat(n(sold, "refundedMinor")).isZero();
        assertThat(n(sold, "revenueMinor")).isEqualTo(2 * MERCHANT_LINE);

        refund(partly, 10_001L); // 10,001 of 85,003 / 10,000 / 5,000: 8,500.895 / 1,000.07 / 500.035, so 8,501 / 1,000 / 500
        refund(wholly, null);

        Map<String, Object> line = revenueLine(product.get("id"));
        assertThat(line.get("currency")).isEqualTo("CNY");
        assertThat(n(line, "trades")).isEqualTo(2);
        assertThat(n(line, "grossMinor")).isEqualTo(170_006);
        assertThat(n(line, "refunds")).isEqualTo(2);
        assertThat(n(line, "refundedMinor")).isEqualTo(8_501 + 85_003);
        assertThat(n(line, "clawedBackMinor")).isEqualTo(93_504);
        assertThat(n(line, "owedMinor")).isZero();
        assertThat(n(line, "revenueMinor")).isEqualTo(170_006 - 93_504);

        Map<String, Long> spentAfter = spending();
        assertThat(spentAfter.get("orders") - spentBefore.get("orders")).isEqualTo(2);
        assertThat(spentAfter.get("paidMinor") - spentBefore.get("paidMinor")).isEqualTo(2 * PRICE);
        assertThat(spentAfter.get("refunds") - spentBefore.get("refunds")).isEqualTo(2);
        assertThat(spentAfter.get("refundedMinor") - spentBefore.get("refundedMinor")).isEqualTo(10_001 + PRICE);
        assertThat(spentAfter.get("spentMinor") - spentBefore.get("spentMinor")).isEqualTo(PRICE - 10_001);
        assertThat(spentAfter.get("spentMinor")).isEqualTo(spentAfter.get("paidMinor") - spentAfter.get("refundedMinor"));

        Map<String, Object> partlyRefunded = orderSummary(partly);
        assertThat(partlyRefunded.get("status")).isIn("SETTLED", "DELIVERED");
        assertThat(n(partlyRefunded, "amountMinor")).isEqualTo(PRICE);
        assertThat(n(partlyRefunded, "refundedMinor")).isEqualTo(10_001);
        Map<String, Object> refunded = orderSummary(wholly);
        assertThat(refunded.get("status")).isEqualTo("REFUNDED");
        assertThat(n(refunded, "refundedMinor")).isEqualTo(PRICE);
    }

    @Test
    void whatAMerchantOwesIsRecoveredFromItsNextRevenueAndNobodyIsOverdrawn() throws Exception {
        Map<String, Object> product = listedProduct("海温日报 欠款追回 Daily SST for owed recovery");
        String first = buy(product);
        String second = buy(product);
        String merchant = directory.holderOf((String) ((Map<String, Object>) ((List<?>) ((Map<String, Object>) api.json(
                "demo-buyer", HttpRequest.GET("/api/orders/" + first)).get("details")).get("split")).get(0)).get("party")).orElseThrow();
        String contributor = directory.holderOf(CONTRIBUTOR).orElse(CONTRIBUTOR);
        // The merchant was paid out all its revenue (there is no payout API yet; this is its journal entry), then both
        // trades are refunded in full: it owes both its lines.
        long held = wallets.balance(merchant, Wallets.Kind.REVENUE, "CNY");
        wallets.post("PAYOUT", "test payout", "test", "CNY", List.of(new Wallets.Posting(merchant, Wallets.Kind.REVENUE, -held),
                new Wallets.Posting("bank", Wallets.Kind.EXTERNAL, held)));
        long owedBefore = wallets.balance(merchant, Wallets.Kind.OWED, "CNY");
        refund(first, null);
        refund(second, null);
        assertThat(wallets.balance(merchant, Wallets.Kind.REVENUE, "CNY")).isZero();
        assertThat(wallets.balance(merchant, Wallets.Kind.OWED, "CNY")).isEqualTo(owedBefore - 2 * MERCHANT_LINE);
        Map<String, Object> refundedLine = revenueLine(product.get("id"));
        assertThat(n(refundedLine, "refundedMinor")).isEqualTo(2 * MERCHANT_LINE);
        assertThat(n(refundedLine, "clawedBackMinor")).isZero();
        assertThat(n(refundedLine, "owedMinor")).isEqualTo(2 * MERCHANT_LINE);
        assertThat(n(refundedLine, "revenueMinor")).isZero();
        assertThat(owedBefore).isZero();

        // The next sale's merchant line all goes to what it owes; the other parties are paid their lines in full.
        long contributorBefore = wallets.balance(contributor, Wallets.Kind.REVENUE, "CNY");
        buy(product);
        assertThat(wallets.balance(merchant, Wallets.Kind.REVENUE, "CNY")).isZero();
        assertThat(wallets.balance(merchant, Wallets.Kind.OWED, "CNY")).isEqualTo(-MERCHANT_LINE);
        assertThat(wallets.balance(contributor, Wallets.Kind.REVENUE, "CNY") - contributorBefore).isEqualTo(CONTRIBUTOR_LINE);

        // A smaller debt takes only part of a sale: owe 100, then sell once more and again.
        wallets.post("ADJUSTMENT", "test: all but 100 of the debt forgiven", "test", "CNY", List.of(
                new Wallets.Posting(merchant, Wallets.Kind.OWED, MERCHANT_LINE - 100),
                new Wallets.Posting("forgiven", Wallets.Kind.EXTERNAL, -(MERCHANT_LINE - 100))));
        buy(product);
        assertThat(wallets.balance(merchant, Wallets.Kind.OWED, "CNY")).isZero();
        assertThat(wallets.balance(merchant, Wallets.Kind.REVENUE, "CNY")).isEqualTo(MERCHANT_LINE - 100);
        buy(product);
        assertThat(wallets.balance(merchant, Wallets.Kind.OWED, "CNY")).isZero();
        assertThat(wallets.balance(merchant, Wallets.Kind.REVENUE, "CNY")).isEqualTo(2 * MERCHANT_LINE - 100);
        assertThat(wallets.balance(contributor, Wallets.Kind.REVENUE, "CNY") - contributorBefore).isEqualTo(3 * CONTRIBUTOR_LINE);

        // Every leg is a journal line: the running balances equal the journal's sums, and nothing is overdrawn.
        for (Wallets.Kind kind : List.of(Wallets.Kind.REVENUE, Wallets.Kind.OWED)) {
            assertThat(wallets.balanceFromJournal(merchant, kind, "CNY")).as(kind.name())
                    .isEqualTo(wallets.balance(merchant, kind, "CNY"));
        }
        assertThat(wallets.balanceFromJournal(contributor, Wallets.Kind.REVENUE, "CNY"))
                .isEqualTo(wallets.balance(contributor, Wallets.Kind.REVENUE, "CNY"));
        assertThat(wallets.balance(buyerOrg(), Wallets.Kind.AVAILABLE, "CNY")).isNotNegative();
        assertThat(wallets.balance(buyerOrg(), Wallets.Kind.ESCROW, "CNY")).isNotNegative();
        // The wallet API shows the merchant what it owes: nothing now.
        List<Map<String, Object>> shown = http.toBlocking().retrieve(api.as("demo-merchant", HttpRequest.GET("/api/wallet")),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
        assertThat(shown).anySatisfy(b -> {
            assertThat(b.get("kind")).isEqualTo("OWED");
            assertThat(n(b, "balanceMinor")).isZero();
        });
    }
}

package org.dataexchange.marketplace.sales;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.dataexchange.marketplace.ApiClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The merchant console's sales API over real HTTP: orders received with filters, the dashboard, CSV of both statements. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SalesApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    ApiClient api;
    String orderId;
    String productId;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("sales-api");
    }

    @BeforeAll
    void buyOne() throws Exception {
        api = new ApiClient(http);
        Map<String, Object> product = api.listed("东海浮标海洋观测");
        productId = (String) product.get("id");
        orderId = api.buySettled(product, "one-off", "海洋科研 ocean research");
    }

    private List<Map<String, Object>> orders(String username, String query) {
        return http.toBlocking().retrieve(api.as(username, HttpRequest.GET("/api/merchant/orders" + query)),
                io.micronaut.core.type.Argument.listOf(io.micronaut.core.type.Argument.mapOf(String.class, Object.class)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSellerSeesTheOrderWithItsScenarioSplitAndShare() {
        Map<String, Object> o = orders("demo-merchant-ocean", "").stream().filter(r -> r.get("orderId").equals(orderId))
                .findFirst().orElseThrow();
        assertThat(o.get("productId")).isEqualTo(productId);
        assertThat(o.get("purpose")).isEqualTo("海洋科研 ocean research");
        assertThat(o.get("location")).isEqualTo("CN-SH");
        assertThat((String) o.get("buyerName")).startsWith("东港物流股份有限公司");
        assertThat(o.get("planKind")).isEqualTo("ONE_OFF");
        assertThat(o.get("meteredCalls")).isEqualTo(0);
        List<Map<String, Object>> split = (List<Map<String, Object>>) o.get("split");
        long total = split.stream().mapToLong(l -> ((Number) l.get("amountMinor")).longValue()).sum();
        assertThat(total).isEqualTo(((Number) o.get("amountMinor")).longValue());
        long merchantLines = split.stream().filter(l -> l.get("role").equals("MERCHANT"))
                .mapToLong(l -> ((Number) l.get("amountMinor")).longValue()).sum();
        assertThat(((Number) o.get("merchantShareMinor")).longValue()).isEqualTo(merchantLines).isPositive();
    }

    @Test
    void filtersNarrowTheList() {
        assertThat(orders("demo-merchant-ocean", "?product=" + productId)).extracting(r -> r.get("orderId")).contains(orderId);
        assertThat(orders("demo-merchant-ocean", "?status=CANCELLED")).extracting(r -> r.get("orderId")).doesNotContain(orderId);
        assertThat(orders("demo-merchant-ocean", "?from=2000-01-01T00:00:00Z&to=2001-01-01T00:00:00Z")).isEmpty();
        // another merchant sees none of it, even naming the product
        assertThat(orders("demo-merchant", "")).extracting(r -> r.get("orderId")).doesNotContain(orderId);
        assertThat(orders("demo-merchant", "?product=" + productId)).isEmpty();
    }

    @Test
    void badFiltersAreProblems() {
        var bad = api.refusal("demo-merchant-ocean", HttpRequest.GET("/api/merchant/orders?from=yesterday"));
        assertThat(bad.getStatus().getCode()).isEqualTo(400);
        assertThat(ApiClient.problem(bad).get("field")).isEqualTo("from");
        var empty = api.refusal("demo-merchant-ocean",
                HttpRequest.GET("/api/merchant/orders?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z"));
        assertThat(ApiClient.problem(empty).get("field")).isEqualTo("to");
        assertThat(api.status("demo-merchant-ocean", HttpRequest.GET("/api/merchant/orders?status=PAYED"))).isEqualTo(400);
        assertThat(api.status("demo-merchant-ocean", HttpRequest.GET("/api/merchant/dashboard?days=0"))).isEqualTo(400);
        assertThat(api.status("demo-buyer", HttpRequest.GET("/api/merchant/orders"))).isEqualTo(403);
        assertThat(api.status("demo-buyer", HttpRequest.GET("/api/merchant/dashboard"))).isEqualTo(403);
        assertThat(api.status(null, HttpRequest.GET("/api/merchant/orders/export"))).isEqualTo(401);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardCountsTodaysSaleAndTheProductsByStatus() {
        Map<String, Object> d = api.json("demo-merchant-ocean", HttpRequest.GET("/api/merchant/dashboard?days=7"));
        List<Map<String, Object>> days = (List<Map<String, Object>>) d.get("days");
        assertThat(days).hasSize(7);
        Map<String, Object> today = days.get(6);
        assertThat(today.get("date")).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(((Number) today.get("sales")).longValue()).isGreaterThanOrEqualTo(1);
        List<Map<String, Object>> revenue = (List<Map<String, Object>>) today.get("revenue");
        assertThat(revenue).anySatisfy(a -> {
            assertThat(a.get("currency")).isEqualTo("CNY");
            assertThat(((Number) a.get("minor")).longValue()).isPositive();
        });
        assertThat(((Number) d.get("sales")).longValue()).isEqualTo(days.stream().mapToLong(x -> ((Number) x.get("sales")).longValue()).sum());
        Map<String, Object> byStatus = (Map<String, Object>) d.get("productsByStatus");
        assertThat(((Number) byStatus.get("LISTED")).longValue()).isPositive();
        assertThat(byStatus).containsKeys("DRAFT", "IN_REVIEW", "REJECTED", "SUSPENDED", "DELISTED");
        assertThat((List<Map<String, Object>>) d.get("recentOrders")).extracting(r -> r.get("orderId")).contains(orderId);
        // the demo-buyer's sale is no sale of another merchant
        Map<String, Object> other = api.json("demo-merchant", HttpRequest.GET("/api/merchant/dashboard"));
        assertThat((List<Map<String, Object>>) other.get("recentOrders")).extracting(r -> r.get("orderId")).doesNotContain(orderId);
    }

    @Test
    void bothStatementsDownloadAsCsv() {
        var orders = http.toBlocking().exchange(api.as("demo-merchant-ocean",
                HttpRequest.GET("/api/merchant/orders/export?product=" + productId)), String.class);
        assertThat(orders.getContentType().orElseThrow().toString()).startsWith("text/csv");
        assertThat(orders.header("Content-Disposition")).contains("orders-received.csv");
        String text = orders.body();
        assertThat(text).startsWith("\uFEFForder,placed_at,");
        assertThat(text.lines().filter(l -> l.startsWith(orderId + ",")).findFirst().orElseThrow())
                .contains("东海浮标海洋观测", "海洋科研 ocean research", "CN-SH", "SETTLED", "CNY", ":MERCHANT:");
        String revenue = http.toBlocking().retrieve(api.as("demo-merchant-ocean", HttpRequest.GET("/api/merchant/revenue/export")));
        assertThat(revenue).startsWith("\uFEFFproduct_id,product,month,currency,trades,gross_minor,");
        String month = LocalDate.now(ZoneOffset.UTC).toString().substring(0, 7);
        assertThat(revenue.lines()).anySatisfy(l -> assertThat(l).startsWith(productId + ",").contains("," + month + ",CNY,"));
    }

    @Test
    void csvFieldsAreQuotedAndFormulasDisarmed() {
        SalesCsv csv = new SalesCsv("a", "b");
        csv.row("x, \"y\"", "=SUM(A1)");
        csv.row(-5L, null);
        assertThat(csv.text()).isEqualTo("\uFEFFa,b\r\n\"x, \"\"y\"\"\",'=SUM(A1)\r\n-5,\r\n");
    }
}

package org.dataexchange.marketplace.offvenue;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.dataexchange.ledger.ErrorCode;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.marketplace.DemoData;
import org.dataexchange.marketplace.problem.LedgerFaults;
import org.dataexchange.settlementclient.SettlementClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Off-venue deals over real HTTP, H2 and an in-process devnet: one party registers, the other confirms or declines, the
 * operator verifies or rejects, the verified deal is on the ledger marked off-venue and the regulator reads it there;
 * every step names the state it comes from; bad input and the wrong role change nothing; a verification the ledger could
 * not take is sent again by the exchange itself; a refused one is rejected with the contract's code.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OffVenueApiTest implements TestPropertyProvider {

    static final String HAITIAN = "91310115MA1KEFGH6T";
    static final String BUYER = DemoData.DEMO_BUYER_CREDIT_CODE;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    LedgerFaults faults;

    @Inject
    SettlementClient ledger;

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("off-venue-test", "test.ledger-faults", "true",
                "micronaut.http.client.read-timeout", "60s");
    }

    @BeforeEach
    void client() {
        api = new ApiClient(http);
    }

    @AfterEach
    void ledgerBack() {
        faults.clear();
    }

    static Map<String, Object> deal(String counterparty, String title, long amountMinor) {
        Map<String, Object> d = new HashMap<>();
        d.put("counterpartyCreditCode", counterparty);
        d.put("productTitle", title);
        d.put("productDigest", sha256(title));
        d.put("industry", "METEOROLOGY");
        d.put("classification", "GENERAL");
        d.put("planKind", "ONE_OFF");
        d.put("price", Map.of("amountMinor", amountMinor, "currency", "CNY"));
        d.put("licenceSummary", "加工使用权，一年，境内使用 processing use, one year, in China");
        d.put("scenario", "港口作业气象预警 weather warnings for port operations");
        d.put("dealDate", LocalDate.now(ZoneOffset.UTC).minusDays(3).toString());
        return d;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> register(String user, Map<String, Object> deal) {
        return api.json(user, HttpRequest.POST("/api/off-venue-deals", deal));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> onLedger() {
        return api.json("demo-regulator", HttpRequest.GET("/api/regulator/off-venue-deals"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void merchantRegistersBuyerConfirmsOperatorVerifiesAndTheRegulatorReadsItFromTheLedgerMarkedOffVenue() {
        Map<String, Object> registered = register("demo-merchant", deal(BUYER, "港区逐时风场 hourly port winds", 1_234_500));
        String id = (String) registered.get("id");
        assertThat(registered.get("state")).isEqualTo("REGISTERED");
        assertThat(registered.get("awaiting")).isEqualTo("COUNTERPARTY");
        assertThat(registered.get("registeredBySide")).isEqualTo("MERCHANT");
        assertThat(((Map<String, Object>) registered.get("buyer")).get("creditCode")).isEqualTo(BUYER);
        assertThat(((Map<String, Object>) registered.get("price")).get("amountMinor")).isEqualTo(1_234_500);

        // The registrant cannot confirm its own registration; the operator cannot verify it before the buyer confirms.
        assertThat(api.refusal("demo-merchant", HttpRequest.POST("/api/off-venue-deals/" + id + "/confirm", "")).getStatus().getCode())
                .isEqualTo(409);
        HttpClientResponseException early = api.refusal("demo-operator", HttpRequest.POST("/api/operator/off-venue-deals/" + id + "/verify", ""));
        assertThat(early.getStatus().getCode()).isEqualTo(409);
        assertThat(ApiClient.problem(early).get("detail").toString()).contains("REGISTERED").contains("CONFIRMED");
        // Another merchant does not see it.
        assertThat(api.status("demo-merchant-ocean", HttpRequest.GET("/api/off-venue-deals/" + id))).isEqualTo(404);
        assertThat(api.status("demo-merchant-ocean", HttpRequest.POST("/api/off-venue-deals/" + id + "/confirm", ""))).isEqualTo(404);

        List<Map<String, Object>> buyersList = http.toBlocking().retrieve(api.as("demo-buyer", HttpRequest.GET("/api/off-venue-deals")),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
        assertThat(buyersList).extracting(d -> d.get("id")).contains(id);
        Map<String, Object> confirmed = api.json("demo-buyer", HttpRequest.POST("/api/off-venue-deals/" + id + "/confirm", ""));
        assertThat(confirmed.get("state")).isEqualTo("CONFIRMED");
        assertThat(confirmed.get("confirmedBy")).isEqualTo("demo-buyer");
        assertThat(confirmed.get("awaiting")).isEqualTo("OPERATOR");

        List<Map<String, Object>> queue = http.toBlocking().retrieve(api.as("demo-operator",
                HttpRequest.GET("/api/operator/off-venue-deals?state=CONFIRMED")), Argument.listOf(Argument.mapOf(String.class, Object.class)));
        assertThat(queue).extracting(d -> d.get("id")).contains(id);

        Map<String, Object> verified = api.json("demo-operator", HttpRequest.POST("/api/operator/off-venue-deals/" + id + "/verify", ""));
        assertThat(verified.get("state")).isEqualTo("RECORDED");
        assertThat(verified.get("decidedBy")).isEqualTo("demo-operator");
        String txId = (String) verified.get("transactionId");
        assertThat(txId).hasSize(64);
        // A repeat answers the same deal and records nothing twice.
        assertThat(api.json("demo-operator", HttpRequest.POST("/api/operator/off-venue-deals/" + id + "/verify", ""))
                .get("transactionId")).isEqualTo(txId);

        // On the ledger, in the off-venue contract: marked off-venue, parties by credit code, the operator by account id.
        var recorded = ledger.offVenueDeal(id);
        assertThat(recorded.venue()).isEqualTo("OFF_VENUE");
        assertThat(recorded.txId()).isEqualTo(txId);
        assertThat(recorded.request().merchantId()).isEqualTo(HAITIAN);
        assertThat(recorded.request().buyerId()).isEqualTo(BUYER);
        assertThat(recorded.request().amount()).isEqualTo(1_234_500);
        assertThat(recorded.request().verifiedBy()).startsWith("operator:").doesNotContain("demo-operator");

        Map<String, Object> regulator = onLedger();
        List<Map<String, Object>> deals = (List<Map<String, Object>>) regulator.get("deals");
        Map<String, Object> mine = deals.stream().filter(d -> id.equals(d.get("dealId"))).findFirst().orElseThrow();
        assertThat(mine.get("venue")).isEqualTo("OFF_VENUE");
        assertThat(mine.get("transactionId")).isEqualTo(txId);
        assertThat(((Number) mine.get("blockNumber")).longValue()).isPositive();
        assertThat(mine.get("merchantName").toString()).contains("海天气象");
        assertThat(((Number) regulator.get("totalValueMinor")).longValue()).isGreaterThanOrEqualTo(1_234_500);

        // Never a trade: the regulator's trade ledger does not hold it.
        Map<String, Object> trades = api.json("demo-regulator", HttpRequest.GET("/api/regulator/trades?buyer=" + BUYER + "&size=500"));
        assertThat(trades.get("records").toString()).doesNotContain(id);

        // Final: nothing moves it any more.
        assertThat(api.status("demo-operator", HttpRequest.POST("/api/operator/off-venue-deals/" + id + "/reject",
                Map.of("reason", "late")))).isEqualTo(409);
    }

    @Test
    @SuppressWarnings("unchecked")
    void offVenueDealsAreCountedApartInThePriceStatisticsAndTheMonthlyReport() {
        Instant from = java.time.YearMonth.now(ZoneOffset.UTC).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        String range = "?from=" + from + "&to=" + from.plus(Duration.ofDays(40));
        Map<String, Object> before = api.json("demo-regulator", HttpRequest.GET("/api/regulator/price-statistics" + range));
        String id = (String) register("demo-merchant", deal(BUYER, "能见度月报 visibility monthly", 4_000_000)).get("id");
        api.json("demo-buyer", HttpRequest.POST("/api/off-venue-deals/" + id + "/confirm", ""));
        api.json("demo-operator", HttpRequest.POST("/api/operator/off-venue-deals/" + id + "/verify", ""));

        Map<String, Object> full = api.json("demo-regulator", HttpRequest.GET("/api/regulator/price-statistics" + range));
        assertThat(full.get("venue")).isEqualTo("ON_VENUE");
        assertThat(full.get("trades")).as("the exchange's trades do not count it").isEqualTo(before.get("trades"));
        assertThat(full.get("valueMinor")).isEqualTo(before.get("valueMinor"));
        Map<String, Object> offBefore = (Map<String, Object>) before.get("offVenue");
        Map<String, Object> off = (Map<String, Object>) full.get("offVenue");
        assertThat(off.get("venue")).isEqualTo("OFF_VENUE");
        assertThat(((Number) off.get("trades")).longValue()).isEqualTo(((Number) offBefore.get("trades")).longValue() + 1);
        assertThat(((Number) off.get("valueMinor")).longValue())
                .isEqualTo(((Number) offBefore.get("valueMinor")).longValue() + 4_000_000);
        List<Map<String, Object>> cells = (List<Map<String, Object>>) off.get("cells");
        assertThat(cells).anySatisfy(c -> {
            assertThat(c.get("industry")).isEqualTo("METEOROLOGY");
            assertThat(c.get("classification")).isEqualTo("GENERAL");
            assertThat(c.get("planKind")).isEqualTo("ONE_OFF");
        });

        // Everyone: counted, no party named, the single merchant's cell withheld.
        Map<String, Object> pub = api.json(null, HttpRequest.GET("/api/price-statistics" + range));
        Map<String, Object> pubOff = (Map<String, Object>) pub.get("offVenue");
        assertThat(pubOff.get("trades")).isEqualTo(off.get("trades"));
        assertThat(((Number) pubOff.get("withheldCells")).intValue()).isPositive();
        assertThat(pub.toString()).doesNotContain(HAITIAN).doesNotContain(BUYER);

        // The monthly report: its own section and rows, the trades' summary without it.
        Map<String, Object> report = api.json("demo-regulator", HttpRequest.POST("/api/regulator/reports",
                Map.of("month", java.time.YearMonth.now(ZoneOffset.UTC).toString())));
        String csv = new String(http.toBlocking().retrieve(api.as("demo-regulator",
                HttpRequest.GET("/api/regulator/reports/" + report.get("id") + "/csv")), byte[].class), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv).contains("off-venue,all off-venue deals," + off.get("trades") + "," + off.get("valueMinor") + ",");
        assertThat(csv).contains("off-venue,METEOROLOGY / GENERAL / ONE_OFF,");
        assertThat(csv).contains("summary,all trades," + report.get("trades") + ",");
        assertThat(((Number) report.get("valueMinor")).longValue()).isEqualTo(((Number) full.get("valueMinor")).longValue());
    }

    @Test
    void aBuyerRegistersTheMerchantDeclinesAndTheOperatorRejectsAnother() {
        String declinedId = (String) register("demo-buyer", deal(HAITIAN, "潮位预报 tide forecasts", 50_000)).get("id");
        Map<String, Object> declined = api.json("demo-merchant", HttpRequest.POST("/api/off-venue-deals/" + declinedId + "/decline",
                Map.of("reason", "价格不符 not the agreed price")));
        assertThat(declined.get("state")).isEqualTo("DECLINED");
        assertThat(declined.get("decisionReason")).isEqualTo("价格不符 not the agreed price");
        assertThat(api.status("demo-merchant", HttpRequest.POST("/api/off-venue-deals/" + declinedId + "/confirm", ""))).isEqualTo(409);

        String rejectedId = (String) register("demo-buyer", deal(HAITIAN, "海浪再分析 wave reanalysis", 70_000)).get("id");
        api.json("demo-merchant", HttpRequest.POST("/api/off-venue-deals/" + rejectedId + "/confirm", ""));
        Map<String, Object> rejected = api.json("demo-operator", HttpRequest.POST("/api/operator/off-venue-deals/" + rejectedId + "/reject",
                Map.of("reason", "合同未附 no contract attached")));
        assertThat(rejected.get("state")).isEqualTo("REJECTED");
        assertThat(rejected.get("awaiting")).isNull();
        assertThat(api.status("demo-operator", HttpRequest.POST("/api/operator/off-venue-deals/" + rejectedId + "/verify", ""))).isEqualTo(409);
        assertThat(onLedger().get("deals").toString()).doesNotContain(rejectedId).doesNotContain(declinedId);
    }

    @Test
    void badInputIsRefusedWithItsFieldAndTheWrongRoleIsRefused() {
        assertThat(field(deal("91310115MA1KZZZZ00", "x", 100))).isEqualTo("counterpartyCreditCode");
        assertThat(field(deal(HAITIAN, "x", 100))).as("a merchant names a buyer, not a merchant").isEqualTo("counterpartyCreditCode");
        Map<String, Object> future = deal(BUYER, "x", 100);
        future.put("dealDate", LocalDate.now(ZoneOffset.UTC).plusDays(2).toString());
        assertThat(field(future)).isEqualTo("dealDate");
        Map<String, Object> currency = deal(BUYER, "x", 100);
        currency.put("price", Map.of("amountMinor", 100, "currency", "XBT"));
        assertThat(field(currency)).isEqualTo("price.currency");
        Map<String, Object> digest = deal(BUYER, "x", 100);
        digest.put("productDigest", "ABC");
        assertThat(api.status("demo-merchant", HttpRequest.POST("/api/off-venue-deals", digest))).isEqualTo(400);
        assertThat(api.status("demo-merchant", HttpRequest.POST("/api/off-venue-deals",
                "{\"counterpartyCreditCode\":\"" + BUYER + "\",\"productTitle\":\"x\",\"productDigest\":\"" + sha256("x")
                        + "\",\"industry\":\"METEOROLOGY\",\"classification\":\"GENERAL\",\"planKind\":\"ONE_OFF\","
                        + "\"price\":{\"amountMinor\":10.5,\"currency\":\"CNY\"},\"licenceSummary\":\"l\",\"scenario\":\"s\","
                        + "\"dealDate\":\"2026-01-02\"}"))).isEqualTo(400);
        Map<String, Object> zero = deal(BUYER, "x", 0);
        assertThat(api.status("demo-merchant", HttpRequest.POST("/api/off-venue-deals", zero))).isEqualTo(400);

        assertThat(api.status("demo-regulator", HttpRequest.POST("/api/off-venue-deals", deal(BUYER, "x", 100)))).isEqualTo(403);
        assertThat(api.status("demo-operator", HttpRequest.POST("/api/off-venue-deals", deal(BUYER, "x", 100)))).isEqualTo(403);
        assertThat(api.status(null, HttpRequest.GET("/api/off-venue-deals"))).isEqualTo(401);
        assertThat(api.status("demo-buyer", HttpRequest.GET("/api/operator/off-venue-deals"))).isEqualTo(403);
        assertThat(api.status("demo-operator", HttpRequest.GET("/api/regulator/off-venue-deals"))).isEqualTo(403);
        assertThat(api.status("demo-regulator", HttpRequest.GET("/api/regulator/off-venue-deals?from=yesterday"))).isEqualTo(400);
    }

    private String field(Map<String, Object> deal) {
        HttpClientResponseException e = api.refusal("demo-merchant", HttpRequest.POST("/api/off-venue-deals", deal));
        assertThat(e.getStatus().getCode()).isEqualTo(400);
        return String.valueOf(ApiClient.problem(e).get("field"));
    }

    @Test
    void aVerificationTheLedgerCouldNotTakeIsSentAgainByTheExchangeAndRecordedOnce() {
        String id = (String) register("demo-merchant", deal(BUYER, "航道能见度 channel visibility", 321_000)).get("id");
        api.json("demo-buyer", HttpRequest.POST("/api/off-venue-deals/" + id + "/confirm", ""));
        faults.unavailable("recordOffVenueDeal");
        HttpClientResponseException away = api.refusal("demo-operator", HttpRequest.POST("/api/operator/off-venue-deals/" + id + "/verify", ""));
        assertThat(away.getStatus().getCode()).isEqualTo(503);
        assertThat(away.getResponse().getHeaders().get("Retry-After")).isNotNull();
        assertThat(ApiClient.problem(away).get("type")).isEqualTo("urn:dataexchange:problem:ledger-unavailable");
        Map<String, Object> pending = api.json("demo-operator", HttpRequest.GET("/api/operator/off-venue-deals/" + id));
        assertThat(pending.get("state")).as("the verification is kept").isEqualTo("VERIFIED");
        assertThat(pending.get("awaiting")).isEqualTo("LEDGER");
        assertThat(((Number) pending.get("ledgerAttempts")).intValue()).isPositive();
        assertThat(pending.get("lastLedgerError").toString()).contains("UNAVAILABLE");

        faults.clear();
        Awaitility.await("the round sends the verified deal again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> "RECORDED".equals(api.json("demo-operator", HttpRequest.GET("/api/operator/off-venue-deals/" + id)).get("state")));
        Map<String, Object> recorded = api.json("demo-operator", HttpRequest.GET("/api/operator/off-venue-deals/" + id));
        assertThat(ledger.offVenueDeal(id).txId()).isEqualTo(recorded.get("transactionId"));
        assertThat(onLedger().get("deals").toString()).contains(id);
    }

    @Test
    void aDealTheLedgerRefusesIsRejectedWithTheContractsCode() {
        String id = (String) register("demo-merchant", deal(BUYER, "雷暴概率 thunderstorm odds", 99_000)).get("id");
        api.json("demo-buyer", HttpRequest.POST("/api/off-venue-deals/" + id + "/confirm", ""));
        faults.refuse(ErrorCode.ID_CONFLICT, "recordOffVenueDeal");
        HttpClientResponseException refused = api.refusal("demo-operator", HttpRequest.POST("/api/operator/off-venue-deals/" + id + "/verify", ""));
        assertThat(refused.getStatus().getCode()).isEqualTo(409);
        assertThat(ApiClient.problem(refused).get("code")).isEqualTo("ID_CONFLICT");
        Map<String, Object> after = api.json("demo-operator", HttpRequest.GET("/api/operator/off-venue-deals/" + id));
        assertThat(after.get("state")).isEqualTo("REJECTED");
        assertThat(after.get("decisionReason").toString()).contains("ID_CONFLICT");
    }
}

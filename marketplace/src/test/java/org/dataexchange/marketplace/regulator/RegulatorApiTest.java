package org.dataexchange.marketplace.regulator;

import java.time.Instant;
import java.time.Duration;
import org.awaitility.Awaitility;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dataexchange.marketplace.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The regulator's independent ledger view and the audit log, over real HTTP. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegulatorApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    io.micronaut.transaction.TransactionOperations<Connection> tx;

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("regulator-test");
    }

    @BeforeEach
    void client() {
        api = new ApiClient(http);
    }

    @Test
    void theRegulatorSeesEveryTradeOnTheLedgerAndVerifiesTheChain() throws Exception {
        Map<String, Object> product = listed("土壤墒情监测");
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            orders.add(buy(product, "农业保险 crop insurance"));
        }
        Map<String, Object> byProduct = api.json("demo-regulator", HttpRequest.GET("/api/regulator/trades?product=" + product.get("id")));
        List<String> tradeIds = new ArrayList<>();
        for (Map<String, Object> t : (List<Map<String, Object>>) byProduct.get("records")) {
            tradeIds.add((String) ((Map<?, ?>) t.get("request")).get("tradeId"));
        }
        assertThat(tradeIds).containsAll(orders);
        Map<String, Object> first = ((List<Map<String, Object>>) byProduct.get("records")).stream()
                .filter(t -> orders.get(0).equals(((Map<?, ?>) t.get("request")).get("tradeId"))).findFirst().orElseThrow();
        Map<String, Object> booked = api.json("demo-buyer", HttpRequest.GET("/api/orders/" + orders.get(0)));
        assertThat(((Number) first.get("blockNumber")).longValue()).isEqualTo(((Number) booked.get("blockNumber")).longValue());
        assertThat(first.get("txId")).isEqualTo(booked.get("transactionId"));
        assertThat(first.get("request").toString()).contains("splitLines").contains("approvals");
        Map<String, Object> byTime = api.json("demo-regulator", HttpRequest.GET("/api/regulator/trades?size=500"));
        assertThat(byTime.toString()).contains(orders.get(0)).contains(orders.get(1));

        Map<String, Object> order = api.json("demo-buyer", HttpRequest.GET("/api/orders/" + orders.get(0)));
        Map<String, Object> tx = api.json("demo-regulator", HttpRequest.GET("/api/regulator/transactions/" + order.get("transactionId")));
        assertThat(tx.get("function")).isEqualTo("SettleTrades");
        assertThat(tx.get("validationCode")).isEqualTo("VALID");
        Map<String, Object> block = api.json("demo-regulator", HttpRequest.GET("/api/regulator/blocks/" + order.get("blockNumber")));
        assertThat(block.get("transactions").toString()).contains((String) order.get("transactionId"));
        Map<String, Object> cert = api.json("demo-regulator", HttpRequest.GET("/api/regulator/certificates/" + booked.get("certificateId")));
        assertThat(((Map<?, ?>) cert.get("verification")).get("valid")).isEqualTo(true);
        assertThat(((Map<?, ?>) cert.get("certificate")).get("tradeId")).isEqualTo(orders.get(0));
        assertThat(api.status("demo-regulator", HttpRequest.GET("/api/regulator/certificates/CERT-none"))).isEqualTo(404);
        Map<String, Object> verification = api.json("demo-regulator", HttpRequest.GET("/api/regulator/chain/verify"));
        assertThat(verification.get("valid")).isEqualTo(true);
        assertThat(api.status("demo-regulator", HttpRequest.GET("/api/regulator/blocks/999999"))).isEqualTo(404);
    }

    @Test
    void reconciliationFindsNothingAfterNormalTradingAndNamesEachDifferenceAfterTampering() throws Exception {
        Map<String, Object> product = listed("农产品批发价格");
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            orders.add(buy(listed("土壤墒情监测"), "农业保险 crop insurance"));
        }
        Map<String, Object> clean = api.json("demo-regulator", HttpRequest.GET("/api/regulator/reconciliation"));
        assertThat((List<?>) clean.get("differences")).as(clean.toString()).isEmpty();
        assertThat(((Number) ((Map<?, ?>) clean.get("totals")).get("tradesOnLedger")).longValue()).isGreaterThanOrEqualTo(3);

        // 1. an order row removed from the books; 2. an amount altered in the books
        sql("DELETE FROM settlement_confirmation WHERE order_id = '" + orders.get(0) + "'");
        sql("DELETE FROM settlement_outbox WHERE order_id = '" + orders.get(0) + "'");
        sql("DELETE FROM order_transition WHERE order_id = '" + orders.get(0) + "'");
        sql("DELETE FROM order_details WHERE order_id = '" + orders.get(0) + "'");
        sql("DELETE FROM purchase_order WHERE id = '" + orders.get(0) + "'");
        sql("UPDATE purchase_order SET amount_minor = amount_minor + 1 WHERE id = '" + orders.get(1) + "'");
        // 3. a trade recorded on the ledger behind the exchange's back
        Map<String, Object> sheet = product;
        operatorLedger.recordTrade(new org.dataexchange.ledger.trade.TradeRequest("SIDE-DEAL-1", "SIDE-DEAL-1",
                (String) sheet.get("id"), (String) sheet.get("currentVersion"),
                (String) ((Map<?, ?>) ((List<?>) sheet.get("versions")).get(0)).get("sha256"),
                "0".repeat(64), "91310115MA1KJK1275", (String) ((Map<?, ?>) sheet.get("merchant")).get("creditCode"), 1000, "CNY",
                List.of(new org.dataexchange.ledger.trade.SplitLine((String) ((Map<?, ?>) sheet.get("merchant")).get("creditCode"),
                        org.dataexchange.ledger.trade.SplitRole.MERCHANT, 1000)), "CN-SH", "CN-SH",
                org.dataexchange.ledger.trade.Approvals.NONE)).join();

        Map<String, Object> report = api.json("demo-regulator", HttpRequest.GET("/api/regulator/reconciliation"));
        List<Map<String, Object>> differences = (List<Map<String, Object>>) report.get("differences");
        assertThat(differences).anySatisfy(d -> {
            assertThat(d.get("kind")).isEqualTo("MISSING_IN_BOOKS");
            assertThat(d.get("tradeId")).isEqualTo(orders.get(0));
        });
        assertThat(differences).anySatisfy(d -> {
            assertThat(d.get("kind")).isEqualTo("AMOUNT_MISMATCH");
            assertThat(d.get("tradeId")).isEqualTo(orders.get(1));
        });
        assertThat(differences).anySatisfy(d -> {
            assertThat(d.get("kind")).isEqualTo("MISSING_IN_BOOKS");
            assertThat(d.get("tradeId")).isEqualTo("SIDE-DEAL-1");
        });
        assertThat(((Number) ((Map<?, ?>) report.get("totals")).get("differences")).longValue()).isEqualTo(differences.size());
    }

    private void sql(String statement) {
        tx.executeWrite(status -> {
            try (Statement s = status.getConnection().createStatement()) {
                return s.executeUpdate(statement);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Inject
    org.dataexchange.settlementclient.SettlementClient operatorLedger;

    @Test
    void filtersStatisticsAndCsvExportComeFromTheLedger() throws Exception {
        String order = buy(listed("土壤墒情监测"), "农业保险 crop insurance");
        Map<String, Object> agriculture = api.json("demo-regulator", HttpRequest.GET(
                "/api/regulator/trades?industry=agriculture&classification=GENERAL&crossBorder=false&buyer=91310115MA1KJK1275&size=500"));
        List<Map<String, Object>> records = (List<Map<String, Object>>) agriculture.get("records");
        assertThat(records).isNotEmpty().allSatisfy(t -> assertThat(t.get("industry")).isEqualTo("agriculture"));
        assertThat(records.toString()).contains(order);
        assertThat(((List<?>) api.json("demo-regulator", HttpRequest.GET("/api/regulator/trades?industry=ocean&buyer=nobody"))
                .get("records"))).isEmpty();

        Map<String, Object> json = api.json("demo-regulator", HttpRequest.GET("/api/regulator/trades?size=500"));
        List<String> jsonIds = new ArrayList<>();
        for (Map<String, Object> t : (List<Map<String, Object>>) json.get("records")) {
            jsonIds.add((String) ((Map<?, ?>) t.get("request")).get("tradeId"));
        }
        String csv = http.toBlocking().retrieve(api.as("demo-regulator", HttpRequest.GET("/api/regulator/trades")
                .accept("text/csv")));
        List<String> lines = List.of(csv.split("\r\n"));
        assertThat(lines.get(0)).startsWith("tradeId,recordedAt,productId");
        List<String> csvIds = lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf(','))).toList();
        assertThat(csvIds).containsExactlyInAnyOrderElementsOf(jsonIds);
        String amountOfOrder = lines.stream().filter(l -> l.startsWith(order + ",")).findFirst().orElseThrow().split(",")[6];
        assertThat(Long.parseLong(amountOfOrder)).isEqualTo(110_000L);

        Map<String, Object> stats = api.json("demo-regulator", HttpRequest.GET("/api/regulator/statistics"));
        assertThat(((Number) stats.get("trades")).longValue()).isEqualTo(jsonIds.size());
        assertThat(stats.get("perIndustry").toString()).contains("agriculture");
        assertThat(http.toBlocking().retrieve(api.as("demo-regulator", HttpRequest.GET("/api/regulator/statistics").accept("text/csv"))))
                .startsWith("dimension,key,trades,valueMinor").contains("industry,agriculture");
    }

    @Test
    void flagsShowGatedTradesAndComplaintsWithTheirHandlingButNoMerchantFiles() throws Exception {
        Map<String, Object> ais = listed("船舶AIS轨迹聚合数据");
        Map<String, Object> body = new java.util.HashMap<>(Map.of("productId", ais.get("id"), "planId", "monthly",
                "buyerLocation", "CN-SH", "securityAgreementAccepted", true,
                "scenario", Map.of("purpose", "航运保险定价 marine insurance pricing", "location", "CN-SH")));
        String id = (String) api.json("demo-buyer", HttpRequest.POST("/api/orders", body)
                .header("Idempotency-Key", UUID.randomUUID().toString())).get("id");
        api.json("demo-buyer", HttpRequest.POST("/api/orders/" + id + "/pay", ""));
        Awaitility.await("order " + id + " settles").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.json("demo-buyer", HttpRequest.GET("/api/orders/" + id)).get("certificateId") != null);
        Map<String, Object> complaint = api.json("demo-buyer", HttpRequest.POST("/api/orders/" + id + "/complaints",
                Map.of("text", "数据覆盖范围与说明书不符 coverage differs from the product sheet")));
        assertThat(complaint.get("status")).isEqualTo("OPEN");
        assertThat(api.status("demo-merchant", HttpRequest.POST("/api/orders/" + id + "/complaints", Map.of("text", "not mine")))).isEqualTo(404);
        api.json("demo-operator", HttpRequest.POST("/api/operator/complaints/" + complaint.get("id") + "/decide",
                Map.of("outcome", "PARTIAL_REFUND", "note", "覆盖缺口属实，退还30%", "amountMinor", 1)));

        Map<String, Object> flags = api.json("demo-regulator", HttpRequest.GET("/api/regulator/flags"));
        assertThat(flags.get("gatedTrades").toString()).contains(id);
        assertThat(flags.get("complaints").toString()).contains("PARTIAL_REFUND").contains("覆盖缺口属实");
        assertThat(flags.toString()).doesNotContain("storagePath").doesNotContain(".data");
        assertThat(api.status("demo-regulator", HttpRequest.POST("/api/orders/" + id + "/download-link", ""))).isEqualTo(403);
        assertThat(api.status("demo-regulator", HttpRequest.POST("/api/orders/" + id + "/api-keys", ""))).isEqualTo(403);
    }

    @Test
    void onlyTheRegulatorIsAdmitted() {
        for (String who : new String[] {"demo-buyer", "demo-merchant", "demo-operator"}) {
            assertThat(api.status(who, HttpRequest.GET("/api/regulator/trades"))).as(who).isEqualTo(403);
            assertThat(api.status(who, HttpRequest.GET("/api/regulator/audit"))).as(who).isEqualTo(403);
        }
        assertThat(api.status(null, HttpRequest.GET("/api/regulator/chain/verify"))).isEqualTo(401);
    }

    @Test
    void theAuditLogRecordsSensitiveActionsAndAnEditedRowBreaksTheChainThere() throws Exception {
        buy(listed("土壤墒情监测"), "农业保险 crop insurance");
        api.json("demo-regulator", HttpRequest.GET("/api/regulator/trades?size=10"));
        Map<String, Object> page = api.json("demo-regulator", HttpRequest.GET("/api/regulator/audit?size=500"));
        String log = page.get("content").toString();
        assertThat(log).contains("LOGIN").contains("PRODUCT_LISTED").contains("ORDER_PAID").contains("ORDER_SETTLED")
                .contains("REGULATOR_QUERY");
        assertThat(api.json("demo-regulator", HttpRequest.GET("/api/regulator/audit/verify")).get("valid")).isEqualTo(true);

        // Behind the application's back, straight in the database, as a dishonest insider would.
        tx.executeWrite(status -> {
            try (Statement s = status.getConnection().createStatement()) {
                return s.executeUpdate("UPDATE audit_entry SET detail = 'nothing happened here' WHERE seq = 7");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        Map<String, Object> broken = api.json("demo-regulator", HttpRequest.GET("/api/regulator/audit/verify"));
        assertThat(broken.get("valid")).isEqualTo(false);
        assertThat(((Number) broken.get("firstBadEntry")).longValue()).isEqualTo(7);
    }

    /** demo-buyer places an order for the core-data demo product: it waits for the regulator. */
    private String coreDataOrder() {
        Map<String, Object> grid = listed("区域电网负荷曲线");
        Map<String, Object> body = Map.of("productId", grid.get("id"), "planId", "one-off", "buyerLocation", "CN-SH",
                "securityAgreementAccepted", true, "scenario", Map.of("purpose", "电网安全研究 grid security research", "location", "CN-SH"));
        Map<String, Object> order = api.json("demo-buyer", HttpRequest.POST("/api/orders", body)
                .header("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(order.get("status")).isEqualTo("AWAITING_APPROVAL");
        return (String) order.get("id");
    }

    @Test
    void theApprovalQueueListsCoreDataOrdersWithTheirBuyerUntilTheRegulatorDecides() {
        String approved = coreDataOrder();
        String refused = coreDataOrder();
        List<Map<String, Object>> queue = list(HttpRequest.GET("/api/regulator/orders"));
        Map<String, Object> entry = queue.stream().filter(p -> approved.equals(((Map<?, ?>) p.get("order")).get("id"))).findFirst().orElseThrow();
        assertThat(entry.get("buyerCreditCode")).isEqualTo("91310115MA1KJK1275");
        assertThat((String) entry.get("buyerName")).startsWith("东港物流");
        assertThat(((Map<?, ?>) entry.get("order")).get("status")).isEqualTo("AWAITING_APPROVAL");
        assertThat(queue).extracting(p -> (Object) ((Map<?, ?>) p.get("order")).get("status")).containsOnly("AWAITING_APPROVAL");

        assertThat(api.json("demo-regulator", HttpRequest.POST("/api/regulator/orders/" + approved + "/approve",
                Map.of("reference", "监管审批〔2026〕第 12 号"))).get("status")).isEqualTo("CREATED");
        assertThat(api.json("demo-regulator", HttpRequest.POST("/api/regulator/orders/" + refused + "/refuse",
                Map.of("reference", "REFUSED-2026-3"))).get("status")).isEqualTo("CANCELLED");
        List<Map<String, Object>> after = list(HttpRequest.GET("/api/regulator/orders"));
        assertThat(after).noneMatch(p -> List.of(approved, refused).contains(((Map<?, ?>) p.get("order")).get("id")));
        for (String who : new String[] {"demo-buyer", "demo-merchant", "demo-operator"}) {
            assertThat(api.status(who, HttpRequest.GET("/api/regulator/orders"))).as(who).isEqualTo(403);
            assertThat(api.status(who, HttpRequest.GET("/api/regulator/parties"))).as(who).isEqualTo(403);
        }
    }

    @Test
    void thePartyDirectoryNamesTheLedgersCreditCodes() {
        List<Map<String, Object>> parties = list(HttpRequest.GET("/api/regulator/parties"));
        assertThat(parties).anySatisfy(p -> {
            assertThat(p.get("creditCode")).isEqualTo("91310115MA1KJK1275");
            assertThat((String) p.get("name")).contains("Donggang Logistics");
            assertThat(p.get("kind")).isEqualTo("BUYER");
        });
        assertThat(parties).anySatisfy(p -> assertThat(p.get("kind")).isEqualTo("MERCHANT"));
    }

    @Test
    void statisticsOfAChosenRangeChartEveryDayAndFollowTheTradeFilters() throws Exception {
        String order = buy(listed("土壤墒情监测"), "农业保险 crop insurance");
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        String from = today.minusDays(6).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toString();
        String to = today.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toString();
        Map<String, Object> week = api.json("demo-regulator", HttpRequest.GET("/api/regulator/statistics?from=" + from + "&to=" + to));
        List<Map<String, Object>> days = (List<Map<String, Object>>) week.get("perDay");
        assertThat(days).extracting(d -> d.get("key")).containsExactly(
                java.util.stream.IntStream.rangeClosed(0, 6).mapToObj(i -> today.minusDays(6 - i).toString()).toArray());
        long tradesInDays = days.stream().mapToLong(d -> ((Number) d.get("trades")).longValue()).sum();
        assertThat(tradesInDays).isEqualTo(((Number) week.get("trades")).longValue()).isPositive();
        assertThat(((Number) days.get(6).get("trades")).longValue()).isPositive();

        Map<String, Object> agriculture = api.json("demo-regulator", HttpRequest.GET(
                "/api/regulator/statistics?industry=AGRICULTURE&classification=GENERAL&crossBorder=false"));
        assertThat((List<Map<String, Object>>) agriculture.get("perIndustry")).extracting(b -> b.get("key")).containsExactly("agriculture");
        Map<String, Object> none = api.json("demo-regulator", HttpRequest.GET("/api/regulator/statistics?buyer=nobody"));
        assertThat(((Number) none.get("trades")).longValue()).isZero();
        assertThat(api.status("demo-regulator", HttpRequest.GET("/api/regulator/statistics?from=" + to + "&to=" + from))).isEqualTo(400);

        // The CSV export carries each trade's block, approvals and split lines.
        String csv = http.toBlocking().retrieve(api.as("demo-regulator", HttpRequest.GET("/api/regulator/trades?product="
                + listed("土壤墒情监测").get("id")).accept("text/csv")));
        List<String> header = List.of(csv.split("\r\n")[0].split(","));
        String row = List.of(csv.split("\r\n")).stream().filter(l -> l.startsWith(order + ",")).findFirst().orElseThrow();
        List<String> cells = List.of(row.split(",", -1));
        Map<String, Object> booked = api.json("demo-buyer", HttpRequest.GET("/api/orders/" + order));
        assertThat(cells.get(header.indexOf("blockNumber"))).isEqualTo(String.valueOf(booked.get("blockNumber")));
        assertThat(cells.get(header.indexOf("transactionId"))).isEqualTo(booked.get("transactionId"));
        String split = cells.get(header.indexOf("splitLines"));
        long splitSum = java.util.Arrays.stream(split.split(";")).mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(':') + 1))).sum();
        assertThat(splitSum).isEqualTo(110_000L);
        assertThat(split).contains(":MERCHANT:").contains(":PLATFORM:");
    }

    @Test
    void theBlockListGoesNewestFirstAndEachBlockNamesTheHashOfTheOneBefore() throws Exception {
        buy(listed("土壤墒情监测"), "农业保险 crop insurance");
        long height = ((Number) api.json("demo-regulator", HttpRequest.GET("/api/regulator/blocks")).get("height")).longValue();
        Map<String, Object> first = api.json("demo-regulator", HttpRequest.GET("/api/regulator/chain/blocks?size=5"));
        assertThat(((Number) first.get("height")).longValue()).isGreaterThanOrEqualTo(height);
        List<Map<String, Object>> blocks = (List<Map<String, Object>>) first.get("blocks");
        assertThat(blocks).hasSize(5);
        for (int i = 0; i + 1 < blocks.size(); i++) {
            assertThat(((Number) blocks.get(i).get("number")).longValue()).isEqualTo(((Number) blocks.get(i + 1).get("number")).longValue() + 1);
            assertThat(blocks.get(i).get("previousHash")).isEqualTo(blocks.get(i + 1).get("headerHash"));
        }
        Map<String, Object> top = blocks.get(0);
        Map<String, Object> detail = api.json("demo-regulator", HttpRequest.GET("/api/regulator/blocks/" + top.get("number")));
        assertThat(detail.get("headerHash")).isEqualTo(top.get("headerHash"));
        assertThat(((List<?>) detail.get("transactions"))).hasSize(((Number) top.get("transactions")).intValue());
        long nextBefore = ((Number) first.get("nextBefore")).longValue();
        Map<String, Object> older = api.json("demo-regulator", HttpRequest.GET("/api/regulator/chain/blocks?size=5&before=" + nextBefore));
        Map<String, Object> olderTop = ((List<Map<String, Object>>) older.get("blocks")).get(0);
        assertThat(((Number) olderTop.get("number")).longValue()).isEqualTo(nextBefore - 1);
        assertThat(blocks.get(blocks.size() - 1).get("previousHash")).isEqualTo(olderTop.get("headerHash"));
        Map<String, Object> bottom = api.json("demo-regulator", HttpRequest.GET("/api/regulator/chain/blocks?size=5&before=1"));
        assertThat(((List<Map<String, Object>>) bottom.get("blocks"))).extracting(b -> ((Number) b.get("number")).longValue()).containsExactly(0L);
        assertThat(bottom.get("nextBefore")).isNull();
        assertThat(api.status("demo-regulator", HttpRequest.GET("/api/regulator/chain/blocks?size=51"))).isEqualTo(400);
        assertThat(api.status("demo-regulator", HttpRequest.GET("/api/regulator/chain/blocks?before=-1"))).isEqualTo(400);
    }

    @Test
    void theAuditLogIsFilteredByActorActionSubjectAndTimeAndReadNewestFirst() {
        Instant start = Instant.now().minusSeconds(1);
        api.token("demo-merchant");
        api.json("demo-regulator", HttpRequest.GET("/api/regulator/flags"));
        Map<String, Object> logins = api.json("demo-regulator", HttpRequest.GET("/api/regulator/audit?action=LOGIN&size=500"));
        List<Map<String, Object>> content = (List<Map<String, Object>>) logins.get("content");
        assertThat(content).isNotEmpty().allSatisfy(e -> assertThat(e.get("action")).isEqualTo("LOGIN"));
        assertThat(((Number) logins.get("totalSize")).longValue()).isEqualTo(content.size());
        Map<String, Object> mine = api.json("demo-regulator", HttpRequest.GET("/api/regulator/audit?actor=demo-regulator&subject=lag&from="
                + start + "&newestFirst=true"));
        List<Map<String, Object>> flagsQueries = (List<Map<String, Object>>) mine.get("content");
        assertThat(flagsQueries).isNotEmpty().allSatisfy(e -> {
            assertThat(e.get("actor")).isEqualTo("demo-regulator");
            assertThat((String) e.get("subject")).contains("lag");
            assertThat(Instant.parse((String) e.get("at"))).isAfterOrEqualTo(start);
        });
        Map<String, Object> newest = api.json("demo-regulator", HttpRequest.GET("/api/regulator/audit?newestFirst=true&size=20"));
        List<Long> seqs = ((List<Map<String, Object>>) newest.get("content")).stream().map(e -> ((Number) e.get("seq")).longValue()).toList();
        assertThat(seqs).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        Map<String, Object> wildcard = api.json("demo-regulator", HttpRequest.GET("/api/regulator/audit?subject=%25_%25"));
        assertThat((List<?>) wildcard.get("content")).isEmpty();
        assertThat(api.status("demo-regulator", HttpRequest.GET("/api/regulator/audit?from=" + start + "&to=" + start))).isEqualTo(400);
        assertThat(api.status("demo-regulator", HttpRequest.GET("/api/regulator/audit?from=yesterday"))).isEqualTo(400);
    }

    private List<Map<String, Object>> list(HttpRequest<?> request) {
        return http.toBlocking().retrieve(api.as("demo-regulator", (io.micronaut.http.MutableHttpRequest<?>) request),
                io.micronaut.core.type.Argument.listOf(io.micronaut.core.type.Argument.mapOf(String.class, Object.class)));
    }

    private Map<String, Object> listed(String titlePrefix) {
        return api.listed(titlePrefix);
    }

    private String buy(Map<String, Object> product, String purpose) throws InterruptedException {
        return api.buySettled(product, "one-off", purpose);
    }
}

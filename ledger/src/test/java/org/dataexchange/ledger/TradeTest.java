package org.dataexchange.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dataexchange.ledger.support.Fixtures.json;
import static org.dataexchange.ledger.support.Fixtures.product;
import static org.dataexchange.ledger.support.Fixtures.trade;
import static org.dataexchange.ledger.support.LedgerHarness.MERCHANT_ORG;
import static org.dataexchange.ledger.support.LedgerHarness.OPERATOR;
import static org.dataexchange.ledger.support.LedgerHarness.REGULATOR;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.ListingStatus;
import org.dataexchange.ledger.product.ListingStatusChange;
import org.dataexchange.ledger.product.ProductRegistration;
import org.dataexchange.ledger.support.Fixtures;
import org.dataexchange.ledger.support.Json;
import org.dataexchange.ledger.support.LedgerHarness;
import org.dataexchange.ledger.support.LedgerHarness.Result;
import org.dataexchange.ledger.trade.Approvals;
import org.dataexchange.ledger.trade.SplitLine;
import org.dataexchange.ledger.trade.SplitRole;
import org.dataexchange.ledger.trade.TradeRequest;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TradeTest {

    private final LedgerHarness ledger = new LedgerHarness();
    private final ProductRegistration general = product("wx-radar", ClassificationLevel.GENERAL);
    private final ProductRegistration important = product("port-ais", ClassificationLevel.IMPORTANT);
    private final ProductRegistration core = product("grid-topology", ClassificationLevel.CORE);

    @BeforeEach
    void registerProducts() {
        for (ProductRegistration p : List.of(general, important, core)) {
            assertThat(ledger.submit(OPERATOR, "RegisterProductVersion", json(p)).ok()).isTrue();
        }
    }

    @Test
    void recordsATradeWithOneKeyPerSplitLineAndEmitsTradeSettled() {
        TradeRequest t = trade("T-1", general);
        int keysBefore = ledger.world().size();
        Result r = ledger.submit(OPERATOR, "RecordTrade", json(t));

        assertThat(r.ok()).as(r.message()).isTrue();
        JsonNode trade = Json.parse(r.payload());
        assertThat(trade.at("/request/amount").asLong()).isEqualTo(1_000_000L);
        assertThat(trade.at("/classificationLevel").asText()).isEqualTo("GENERAL");
        assertThat(trade.at("/industry").asText()).isEqualTo("meteorology");
        assertThat(trade.at("/crossBorder").asBoolean()).isFalse();
        assertThat(trade.at("/txId").asText()).isEqualTo(r.txId());
        assertThat(r.event().getEventName()).isEqualTo("TradeSettled");
        assertThat(r.event().getPayload().toString(StandardCharsets.UTF_8)).isEqualTo(r.payload());

        // trade + 3 split lines + product index + 4 party indexes (buyer, seller, contributor, platform) + time index
        assertThat(ledger.world().size() - keysBefore).isEqualTo(1 + 3 + 1 + 4 + 1);
        String splitKey = new CompositeKey("splitLine", "T-1", "0001").toString();
        JsonNode line = Json.parse(new String(ledger.world().valueOf(splitKey), StandardCharsets.UTF_8));
        assertThat(line.at("/party").asText()).isEqualTo(Fixtures.CONTRIBUTOR);
        assertThat(line.at("/amount").asLong()).isEqualTo(200_000L);
        assertThat(line.at("/currency").asText()).isEqualTo("CNY");

        JsonNode lines = Json.parse(ledger.evaluate(REGULATOR, "GetSplitLines", "T-1").payload());
        assertThat(lines).hasSize(3);
        assertThat(ledger.evaluate(REGULATOR, "GetTrade", "T-1").payload()).isEqualTo(r.payload());
    }

    @Test
    void splitLinesMustSumExactlyToTheAmount() {
        TradeRequest off = Fixtures.withSplit(trade("T-2", general), 1_000_000L, List.of(
                new SplitLine(Fixtures.MERCHANT, SplitRole.MERCHANT, 700_000L),
                new SplitLine(Fixtures.PLATFORM, SplitRole.PLATFORM, 299_999L)));
        Result r = ledger.submit(OPERATOR, "RecordTrade", json(off));
        assertThat(r.errorCode()).isEqualTo("SPLIT_SUM_MISMATCH");
        assertThat(r.message()).contains("999999").contains("1000000");

        TradeRequest overflow = Fixtures.withSplit(trade("T-3", general), 1L, List.of(
                new SplitLine(Fixtures.MERCHANT, SplitRole.MERCHANT, Long.MAX_VALUE),
                new SplitLine(Fixtures.PLATFORM, SplitRole.PLATFORM, 2L)));
        assertThat(ledger.submit(OPERATOR, "RecordTrade", json(overflow)).errorCode()).isEqualTo("SPLIT_SUM_MISMATCH");

        TradeRequest noLines = Fixtures.withSplit(trade("T-4", general), 0L, List.of());
        assertThat(ledger.submit(OPERATOR, "RecordTrade", json(noLines)).errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertNoTradesWritten();
    }

    @Test
    void amountsMayNotBeNegative() {
        TradeRequest negativeLine = Fixtures.withSplit(trade("T-5", general), 100L, List.of(
                new SplitLine(Fixtures.MERCHANT, SplitRole.MERCHANT, 150L),
                new SplitLine(Fixtures.PLATFORM, SplitRole.PLATFORM, -50L)));
        assertThat(ledger.submit(OPERATOR, "RecordTrade", json(negativeLine)).errorCode()).isEqualTo("NEGATIVE_AMOUNT");

        TradeRequest negativeAmount = Fixtures.withSplit(trade("T-6", general), -100L, List.of(
                new SplitLine(Fixtures.MERCHANT, SplitRole.MERCHANT, -100L)));
        assertThat(ledger.submit(OPERATOR, "RecordTrade", json(negativeAmount)).errorCode()).isEqualTo("NEGATIVE_AMOUNT");

        TradeRequest free = Fixtures.withSplit(trade("T-7", general), 0L, List.of(
                new SplitLine(Fixtures.MERCHANT, SplitRole.MERCHANT, 0L)));
        assertThat(ledger.submit(OPERATOR, "RecordTrade", json(free)).ok()).isTrue();
    }

    @Test
    void unknownCurrenciesAreRefused() {
        for (String currency : new String[] {"XYZ", "cny", "BTC", ""}) {
            Result r = ledger.submit(OPERATOR, "RecordTrade", json(Fixtures.withCurrency(trade("T-8", general), currency)));
            assertThat(r.errorCode()).as(currency).isEqualTo("UNKNOWN_CURRENCY");
        }
        assertThat(ledger.submit(OPERATOR, "RecordTrade", json(Fixtures.withCurrency(trade("T-8", general), "HKD"))).ok())
                .isTrue();
    }

    @Test
    void theIdenticalTradeIsAlreadyRecordedAndADifferentOneConflicts() {
        TradeRequest t = trade("T-9", general);
        Result first = ledger.submit(OPERATOR, "RecordTrade", json(t));
        int keys = ledger.world().size();

        Result again = ledger.submit(OPERATOR, "RecordTrade", json(t));
        assertThat(again.errorCode()).isEqualTo("ALREADY_RECORDED");
        assertThat(again.message()).contains(first.txId());

        TradeRequest other = Fixtures.withSplit(t, 1_000_000L, List.of(
                new SplitLine(Fixtures.MERCHANT, SplitRole.MERCHANT, 1_000_000L)));
        assertThat(ledger.submit(OPERATOR, "RecordTrade", json(other)).errorCode()).isEqualTo("ID_CONFLICT");
        assertThat(ledger.world().size()).isEqualTo(keys);
    }

    @Test
    void theProductMustBeRegisteredListedAndMatch() {
        ProductRegistration unknown = product("unknown", ClassificationLevel.GENERAL);
        assertThat(ledger.submit(OPERATOR, "RecordTrade", json(trade("T-10", unknown))).errorCode())
                .isEqualTo("PRODUCT_NOT_REGISTERED");

        assertThat(ledger.submit(OPERATOR, "RecordTrade",
                json(Fixtures.withSeller(trade("T-11", general), "someone-else"))).errorCode())
                .isEqualTo("MERCHANT_MISMATCH");
        assertThat(ledger.submit(OPERATOR, "RecordTrade",
                json(Fixtures.withDigest(trade("T-12", general), Fixtures.sha256("tampered")))).errorCode())
                .isEqualTo("DIGEST_MISMATCH");

        ledger.submit(OPERATOR, "UpdateListingStatus",
                json(new ListingStatusChange("wx-radar", "1", ListingStatus.SUSPENDED, "under investigation")));
        Result suspended = ledger.submit(OPERATOR, "RecordTrade", json(trade("T-13", general)));
        assertThat(suspended.errorCode()).isEqualTo("PRODUCT_NOT_LISTED");
        assertThat(suspended.message()).contains("SUSPENDED");
        assertNoTradesWritten();
    }

    @Test
    void coreDataNeedsARegulatorApprovalAndASecurityAgreement() {
        assertThat(ledger.submit(OPERATOR, "RecordTrade", json(trade("T-20", core))).errorCode())
                .isEqualTo("REGULATOR_APPROVAL_REQUIRED");
        assertThat(ledger.submit(OPERATOR, "RecordTrade", json(trade("T-20", core, "CN", "CN",
                new Approvals("REG-APPROVAL-7", null, null)))).errorCode())
                .isEqualTo("SECURITY_AGREEMENT_REQUIRED");
        Result ok = ledger.submit(OPERATOR, "RecordTrade", json(trade("T-20", core, "CN", "CN",
                new Approvals("REG-APPROVAL-7", "DSA-2026-001", null))));
        assertThat(ok.ok()).as(ok.message()).isTrue();
        assertThat(Json.parse(ok.payload()).at("/request/approvals/regulatorApprovalRef").asText())
                .isEqualTo("REG-APPROVAL-7");
    }

    @Test
    void importantDataNeedsASecurityAgreement() {
        assertThat(ledger.submit(OPERATOR, "RecordTrade", json(trade("T-21", important))).errorCode())
                .isEqualTo("SECURITY_AGREEMENT_REQUIRED");
        assertThat(ledger.submit(OPERATOR, "RecordTrade", json(trade("T-21", important, "CN-GD", "CN-GD",
                new Approvals(null, "DSA-2026-002", null)))).ok()).isTrue();
    }

    @Test
    void importantDataGoesAbroadOnlyWithAnExportAssessment() {
        Approvals agreementOnly = new Approvals(null, "DSA-2026-003", null);
        for (String abroad : new String[] {"SG", "CN-HK", "DE"}) {
            Result r = ledger.submit(OPERATOR, "RecordTrade", json(trade("T-22", important, "CN-SH", abroad, agreementOnly)));
            assertThat(r.errorCode()).as(abroad).isEqualTo("EXPORT_ASSESSMENT_REQUIRED");
        }
        Result buyerAbroad = ledger.submit(OPERATOR, "RecordTrade",
                json(trade("T-22", important, "US", "CN-SH", agreementOnly)));
        assertThat(buyerAbroad.errorCode()).isEqualTo("EXPORT_ASSESSMENT_REQUIRED");

        Result ok = ledger.submit(OPERATOR, "RecordTrade", json(trade("T-22", important, "CN-SH", "SG",
                new Approvals(null, "DSA-2026-003", "CAC-EXPORT-2026-88"))));
        assertThat(ok.ok()).as(ok.message()).isTrue();
        assertThat(Json.parse(ok.payload()).at("/crossBorder").asBoolean()).isTrue();
    }

    @Test
    void generalDataGoesAbroadOnlyWhenTheProductAllowsIt() {
        ProductRegistration domestic = Fixtures.domesticOnly(product("bus-gtfs", ClassificationLevel.GENERAL));
        ledger.submit(OPERATOR, "RegisterProductVersion", json(domestic));
        assertThat(ledger.submit(OPERATOR, "RecordTrade", json(trade("T-23", domestic, "CN", "JP", Approvals.NONE)))
                .errorCode()).isEqualTo("CROSS_BORDER_NOT_PERMITTED");
        assertThat(ledger.submit(OPERATOR, "RecordTrade", json(trade("T-23", general, "CN", "JP", Approvals.NONE))).ok())
                .isTrue();
    }

    @Test
    void badLocationsAndMalformedTradesAreInvalid() {
        assertThat(ledger.submit(OPERATOR, "RecordTrade", json(trade("T-24", general, "China", "CN", Approvals.NONE)))
                .errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(ledger.submit(OPERATOR, "RecordTrade", json(trade("T-24", general)).replace("\"amount\":1000000,",
                "\"amount\":\"lots\",")).errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(ledger.submit(OPERATOR, "RecordTrade", json(trade("T-24", general)).replace("\"amount\":1000000,",
                "\"amount\":10000.5,")).errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(ledger.submit(OPERATOR, "RecordTrade", json(trade("T-24", general)).replace("\"MERCHANT\"",
                "\"OWNER\"")).errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertNoTradesWritten();
    }

    @Test
    void onlyTheOperatorRecordsTrades() {
        assertThat(ledger.submit(REGULATOR, "RecordTrade", json(trade("T-25", general))).errorCode())
                .isEqualTo("ACCESS_DENIED");
        assertThat(ledger.submit(MERCHANT_ORG, "RecordTrade", json(trade("T-25", general))).errorCode())
                .isEqualTo("ACCESS_DENIED");
        ledger.submit(OPERATOR, "RecordTrade", json(trade("T-25", general)));
        assertThat(ledger.evaluate(MERCHANT_ORG, "GetTrade", "T-25").errorCode()).isEqualTo("ACCESS_DENIED");
        assertThat(ledger.evaluate(MERCHANT_ORG, "QueryTradesByParty", Fixtures.BUYER, "10", "").errorCode())
                .isEqualTo("ACCESS_DENIED");
    }

    @Test
    void queriesByProductPartyAndTimePageWithBookmarks() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = "T-P" + i;
            ids.add(id);
            assertThat(ledger.submit(OPERATOR, "RecordTrade", json(trade(id, general))).ok()).isTrue();
            ledger.advance(Duration.ofMinutes(10));
        }
        ledger.submit(OPERATOR, "RecordTrade", json(trade("T-other", important, "CN", "CN",
                new Approvals(null, "DSA-9", null))));

        assertThat(collectAllPages("QueryTradesByProduct", "wx-radar")).containsExactlyElementsOf(ids);
        assertThat(collectAllPages("QueryTradesByParty", Fixtures.CONTRIBUTOR)).hasSize(8);
        assertThat(collectAllPages("QueryTradesByParty", "nobody")).isEmpty();

        // trades are recorded at 08:00:00.003 + 10 min each; [08:15, 08:45) holds T-P2, T-P3, T-P4
        JsonNode page = Json.parse(ledger.evaluate(REGULATOR, "QueryTradesByTime",
                "2026-11-01T08:15:00Z", "2026-11-01T08:45:00Z", "2", "").payload());
        assertThat(page.at("/records")).hasSize(2);
        assertThat(page.at("/records/0/request/tradeId").asText()).isEqualTo("T-P2");
        String bookmark = page.at("/bookmark").asText();
        assertThat(bookmark).isNotEmpty();
        JsonNode rest = Json.parse(ledger.evaluate(REGULATOR, "QueryTradesByTime",
                "2026-11-01T08:15:00Z", "2026-11-01T08:45:00Z", "2", bookmark).payload());
        assertThat(rest.at("/records")).hasSize(1);
        assertThat(rest.at("/records/0/request/tradeId").asText()).isEqualTo("T-P4");
        assertThat(rest.at("/bookmark").asText()).isEmpty();

        assertThat(ledger.evaluate(REGULATOR, "QueryTradesByTime", "yesterday", "2026-11-01T08:45:00Z", "2", "")
                .errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(ledger.evaluate(REGULATOR, "QueryTradesByTime", "2026-11-02T00:00:00Z", "2026-11-01T00:00:00Z",
                "2", "").errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(ledger.evaluate(REGULATOR, "QueryTradesByProduct", "wx-radar", "0", "").errorCode())
                .isEqualTo("INVALID_ARGUMENT");
        assertThat(ledger.evaluate(REGULATOR, "QueryTradesByProduct", "wx-radar", "many", "").errorCode())
                .isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void tradeHistoryShowsTheRecordingTransaction() {
        Result r = ledger.submit(OPERATOR, "RecordTrade", json(trade("T-30", general)));
        JsonNode history = Json.parse(ledger.evaluate(REGULATOR, "GetTradeHistory", "T-30").payload());
        assertThat(history).hasSize(1);
        assertThat(history.get(0).at("/txId").asText()).isEqualTo(r.txId());
        assertThat(history.get(0).at("/deleted").asBoolean()).isFalse();
        assertThat(history.get(0).at("/value/request/tradeId").asText()).isEqualTo("T-30");
        assertThat(ledger.evaluate(REGULATOR, "GetTradeHistory", "T-none").errorCode()).isEqualTo("NOT_FOUND");
        assertThat(ledger.evaluate(REGULATOR, "GetTrade", "T-none").errorCode()).isEqualTo("NOT_FOUND");
        assertThat(ledger.evaluate(REGULATOR, "GetSplitLines", "T-none").errorCode()).isEqualTo("NOT_FOUND");
    }

    private List<String> collectAllPages(String query, String attribute) {
        List<String> ids = new ArrayList<>();
        String bookmark = "";
        int pages = 0;
        do {
            Result r = ledger.evaluate(REGULATOR, query, attribute, "3", bookmark);
            assertThat(r.ok()).as(r.message()).isTrue();
            JsonNode page = Json.parse(r.payload());
            page.at("/records").forEach(t -> ids.add(t.at("/request/tradeId").asText()));
            assertThat(page.at("/records").size()).isLessThanOrEqualTo(3);
            bookmark = page.at("/bookmark").asText();
            pages++;
        } while (!bookmark.isEmpty() && pages < 100);
        return ids;
    }

    private void assertNoTradesWritten() {
        assertThat(ledger.world().keys()).noneMatch(k -> k.startsWith(new CompositeKey("trade").toString()));
        assertThat(ledger.world().keys()).noneMatch(k -> k.startsWith("tradeTime|"));
    }
}

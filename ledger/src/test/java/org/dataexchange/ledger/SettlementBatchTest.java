package org.dataexchange.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dataexchange.ledger.support.Fixtures.certificate;
import static org.dataexchange.ledger.support.Fixtures.json;
import static org.dataexchange.ledger.support.Fixtures.product;
import static org.dataexchange.ledger.support.Fixtures.trade;
import static org.dataexchange.ledger.support.LedgerHarness.MERCHANT_ORG;
import static org.dataexchange.ledger.support.LedgerHarness.OPERATOR;
import static org.dataexchange.ledger.support.LedgerHarness.REGULATOR;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dataexchange.ledger.licence.LicenceCertificate;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.ProductRegistration;
import org.dataexchange.ledger.support.Fixtures;
import org.dataexchange.ledger.support.Json;
import org.dataexchange.ledger.support.LedgerHarness;
import org.dataexchange.ledger.support.LedgerHarness.Result;
import org.dataexchange.ledger.trade.Settlement;
import org.dataexchange.ledger.trade.SettlementBatch;
import org.dataexchange.ledger.trade.TradeRequest;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SettleTrades: many orders' trades and certificates in one transaction, each settled or refused on its own. */
class SettlementBatchTest {

    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

    private final LedgerHarness ledger = new LedgerHarness();
    private final ProductRegistration general = product("wx-radar", ClassificationLevel.GENERAL);
    private final ProductRegistration core = product("grid-topology", ClassificationLevel.CORE);

    @BeforeEach
    void registerProducts() {
        for (ProductRegistration p : List.of(general, core)) {
            assertThat(ledger.submit(OPERATOR, "RegisterProductVersion", json(p)).ok()).isTrue();
        }
    }

    private static Settlement settlement(TradeRequest t) {
        return new Settlement(t, certificate("CERT-" + t.tradeId(), t, FROM, FROM.plus(Duration.ofDays(365))));
    }

    @Test
    void settlesEveryTradeWithItsCertificateInOneTransaction() {
        List<Settlement> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(settlement(trade("B-" + i, general)));
        }
        Result r = ledger.submit(OPERATOR, "SettleTrades", json(new SettlementBatch(batch)));

        assertThat(r.ok()).as(r.message()).isTrue();
        JsonNode outcomes = Json.parse(r.payload()).at("/outcomes");
        assertThat(outcomes).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(outcomes.get(i).at("/tradeId").asText()).isEqualTo("B-" + i);
            assertThat(outcomes.get(i).at("/result").asText()).isEqualTo("SETTLED");
            assertThat(outcomes.get(i).at("/tradeTxId").asText()).isEqualTo(r.txId());
            assertThat(outcomes.get(i).at("/certificateId").asText()).isEqualTo("CERT-B-" + i);
        }
        assertThat(r.event().getEventName()).isEqualTo("TradesSettled");
        assertThat(r.event().getPayload().toString(StandardCharsets.UTF_8)).isEqualTo(r.payload());

        // Each trade reads back as RecordTrade would have written it, and its certificate verifies.
        JsonNode trade = Json.parse(ledger.evaluate(REGULATOR, "GetTrade", "B-7").payload());
        assertThat(trade.at("/txId").asText()).isEqualTo(r.txId());
        assertThat(trade.at("/classificationLevel").asText()).isEqualTo("GENERAL");
        assertThat(Json.parse(ledger.evaluate(REGULATOR, "GetSplitLines", "B-7").payload())).hasSize(3);
        JsonNode byProduct = Json.parse(ledger.evaluate(REGULATOR, "QueryTradesByProduct", "wx-radar", "100", "").payload());
        assertThat(byProduct.at("/records")).hasSize(20);
        LicenceCertificate cert = batch.get(7).certificate();
        JsonNode verified = Json.parse(ledger.evaluate(MERCHANT_ORG, "VerifyCertificate", json(cert)).payload());
        assertThat(verified.at("/onLedger").asBoolean()).isTrue();
        assertThat(verified.at("/mismatchedFields")).isEmpty();
    }

    @Test
    void aRefusedSettlementWritesNothingAndDoesNotHoldBackTheOthers() {
        TradeRequest ok = trade("M-1", general);
        TradeRequest ungated = trade("M-2", core); // core data without the regulator's approval
        TradeRequest tampered = Fixtures.withDigest(trade("M-3", general), Fixtures.sha256("tampered"));
        Settlement mismatched = new Settlement(trade("M-4", general),
                certificate("CERT-M-4", Fixtures.withSeller(trade("M-4", general), "someone-else"), FROM, null));
        int keysBefore = ledger.world().size();

        Result r = ledger.submit(OPERATOR, "SettleTrades", json(new SettlementBatch(List.of(
                settlement(ok), settlement(ungated), settlement(tampered), mismatched))));

        assertThat(r.ok()).as(r.message()).isTrue();
        JsonNode outcomes = Json.parse(r.payload()).at("/outcomes");
        assertThat(outcomes.get(0).at("/result").asText()).isEqualTo("SETTLED");
        assertThat(outcomes.get(1).at("/result").asText()).isEqualTo("REFUSED");
        assertThat(outcomes.get(1).at("/refusal").asText()).isEqualTo("REGULATOR_APPROVAL_REQUIRED");
        assertThat(outcomes.get(1).at("/message").asText()).contains("core data");
        assertThat(outcomes.get(2).at("/refusal").asText()).isEqualTo("DIGEST_MISMATCH");
        assertThat(outcomes.get(3).at("/refusal").asText()).isEqualTo("CERTIFICATE_MISMATCH");
        // Only M-1 was written: trade, 3 split lines, product, 4 party and time indexes, certificate and its index.
        assertThat(ledger.world().size() - keysBefore).isEqualTo(1 + 3 + 1 + 4 + 1 + 2);
        for (String refused : List.of("M-2", "M-3", "M-4")) {
            assertThat(ledger.evaluate(REGULATOR, "GetTrade", refused).errorCode()).isEqualTo("NOT_FOUND");
            assertThat(ledger.world().keys()).noneMatch(k -> k.contains(refused));
        }
    }

    @Test
    void aRetriedBatchSettlesEachTradeOnceAndIssuesAMissingCertificate() {
        TradeRequest earlier = trade("R-1", general);
        Result recorded = ledger.submit(OPERATOR, "RecordTrade", json(earlier)); // recorded, certificate never issued
        Result first = ledger.submit(OPERATOR, "SettleTrades", json(new SettlementBatch(List.of(
                settlement(earlier), settlement(trade("R-2", general))))));
        JsonNode outcomes = Json.parse(first.payload()).at("/outcomes");
        assertThat(outcomes.get(0).at("/result").asText()).isEqualTo("ALREADY_SETTLED");
        assertThat(outcomes.get(0).at("/tradeTxId").asText()).isEqualTo(recorded.txId());
        assertThat(Json.parse(ledger.evaluate(REGULATOR, "GetCertificate", "CERT-R-1").payload())
                .at("/issued/txId").asText()).isEqualTo(first.txId());

        int keys = ledger.world().size();
        Result again = ledger.submit(OPERATOR, "SettleTrades", json(new SettlementBatch(List.of(
                settlement(earlier), settlement(trade("R-2", general))))));
        JsonNode repeated = Json.parse(again.payload()).at("/outcomes");
        assertThat(repeated.get(1).at("/result").asText()).isEqualTo("ALREADY_SETTLED");
        assertThat(repeated.get(1).at("/tradeTxId").asText()).isEqualTo(first.txId());
        assertThat(ledger.world().size()).isEqualTo(keys);

        TradeRequest different = Fixtures.withCurrency(trade("R-2", general), "USD");
        JsonNode conflict = Json.parse(ledger.submit(OPERATOR, "SettleTrades",
                json(new SettlementBatch(List.of(settlement(different))))).payload()).at("/outcomes/0");
        assertThat(conflict.at("/refusal").asText()).isEqualTo("ID_CONFLICT");
    }

    @Test
    void aMalformedBatchIsRefusedWholeAndOnlyTheOperatorSettles() {
        Settlement s = settlement(trade("X-1", general));
        assertThat(ledger.submit(OPERATOR, "SettleTrades", json(new SettlementBatch(List.of(s, s)))).errorCode())
                .isEqualTo("INVALID_ARGUMENT");
        assertThat(ledger.submit(OPERATOR, "SettleTrades", json(new SettlementBatch(List.of()))).errorCode())
                .isEqualTo("INVALID_ARGUMENT");
        List<Settlement> tooMany = new ArrayList<>();
        for (int i = 0; i <= SettlementBatch.MAX_SETTLEMENTS; i++) {
            tooMany.add(settlement(trade("X-" + i, general)));
        }
        assertThat(ledger.submit(OPERATOR, "SettleTrades", json(new SettlementBatch(tooMany))).errorCode())
                .isEqualTo("INVALID_ARGUMENT");
        assertThat(ledger.submit(MERCHANT_ORG, "SettleTrades", json(new SettlementBatch(List.of(s)))).errorCode())
                .isEqualTo("ACCESS_DENIED");
        assertThat(ledger.world().keys()).noneMatch(k -> k.startsWith(new CompositeKey("trade").toString()));
    }
}

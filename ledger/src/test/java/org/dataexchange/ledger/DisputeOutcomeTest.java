package org.dataexchange.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dataexchange.ledger.support.Fixtures.CONTRIBUTOR;
import static org.dataexchange.ledger.support.Fixtures.PLATFORM;
import static org.dataexchange.ledger.support.Fixtures.json;
import static org.dataexchange.ledger.support.Fixtures.product;
import static org.dataexchange.ledger.support.Fixtures.sha256;
import static org.dataexchange.ledger.support.Fixtures.trade;
import static org.dataexchange.ledger.support.LedgerHarness.MERCHANT_ORG;
import static org.dataexchange.ledger.support.LedgerHarness.OPERATOR;
import static org.dataexchange.ledger.support.LedgerHarness.REGULATOR;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.dataexchange.ledger.dispute.DisputeDecision;
import org.dataexchange.ledger.dispute.DisputeOutcomeRequest;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.ProductRegistration;
import org.dataexchange.ledger.support.Json;
import org.dataexchange.ledger.support.LedgerHarness;
import org.dataexchange.ledger.support.LedgerHarness.Result;
import org.dataexchange.ledger.trade.SplitLine;
import org.dataexchange.ledger.trade.SplitRole;
import org.dataexchange.ledger.trade.TradeRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RecordDisputeOutcome: a trade of 1,000,000 split 700,000 / 200,000 / 100,000 (merchant, contributor, platform). */
class DisputeOutcomeTest {

    private final LedgerHarness ledger = new LedgerHarness();
    private final ProductRegistration product = product("wx-radar", ClassificationLevel.GENERAL);
    private final TradeRequest trade = trade("T-1", product);
    private final String merchant = product.merchantId();

    @BeforeEach
    void tradeRecorded() {
        assertThat(ledger.submit(OPERATOR, "RegisterProductVersion", json(product)).ok()).isTrue();
        assertThat(ledger.submit(OPERATOR, "RecordTrade", json(trade)).ok()).isTrue();
    }

    private static DisputeOutcomeRequest outcome(String id, DisputeDecision decision, long m, long c, long p) {
        return new DisputeOutcomeRequest(id, "T-1", "complaint-" + id, decision, m + c + p, "CNY",
                decision == DisputeDecision.DISMISSED ? List.of() : List.of(
                        new SplitLine(product("wx-radar", ClassificationLevel.GENERAL).merchantId(), SplitRole.MERCHANT, m),
                        new SplitLine(CONTRIBUTOR, SplitRole.CONTRIBUTOR, c), new SplitLine(PLATFORM, SplitRole.PLATFORM, p)),
                sha256("note " + id), "operator");
    }

    @Test
    void recordsAPartialThenAFullRefundWithTheirEventsAndTheRegulatorReadsThem() {
        Result partial = ledger.submit(OPERATOR, "RecordDisputeOutcome",
                json(outcome("D-1", DisputeDecision.PARTIAL_REFUND, 70_000, 20_000, 10_000)));
        assertThat(partial.ok()).as(partial.message()).isTrue();
        assertThat(partial.event().getEventName()).isEqualTo("DisputeOutcomeRecorded");
        JsonNode recorded = Json.parse(partial.event().getPayload().toStringUtf8());
        assertThat(recorded.at("/request/refundAmount").asLong()).isEqualTo(100_000);
        assertThat(recorded.at("/refundedBefore").asLong()).isZero();
        assertThat(recorded.at("/txId").asText()).isEqualTo(partial.txId());

        Result full = ledger.submit(OPERATOR, "RecordDisputeOutcome",
                json(outcome("D-2", DisputeDecision.FULL_REFUND, 630_000, 180_000, 90_000)));
        assertThat(full.ok()).as(full.message()).isTrue();
        assertThat(Json.parse(full.payload()).at("/refundedBefore").asLong()).isEqualTo(100_000);

        JsonNode byTrade = Json.parse(ledger.evaluate(REGULATOR, "QueryDisputeOutcomesByTrade", "T-1").payload());
        assertThat(byTrade).hasSize(2);
        assertThat(byTrade.get(1).at("/request/decision").asText()).isEqualTo("FULL_REFUND");
        JsonNode page = Json.parse(ledger.evaluate(REGULATOR, "QueryDisputeOutcomes", "1", "").payload());
        assertThat(page.at("/records")).hasSize(1);
        JsonNode next = Json.parse(ledger.evaluate(REGULATOR, "QueryDisputeOutcomes", "1", page.at("/bookmark").asText()).payload());
        assertThat(next.at("/records/0/request/outcomeId").asText()).isEqualTo("D-2");
        assertThat(Json.parse(ledger.evaluate(REGULATOR, "GetDisputeOutcome", "D-1").payload()).at("/request/tradeId").asText())
                .isEqualTo("T-1");
        assertThat(ledger.evaluate(REGULATOR, "GetDisputeOutcome", "D-9").errorCode()).isEqualTo("NOT_FOUND");
        assertThat(ledger.evaluate(MERCHANT_ORG, "QueryDisputeOutcomesByTrade", "T-1").errorCode()).isEqualTo("ACCESS_DENIED");

        // Nothing is left to refund after a full refund; a dismissal is still recorded.
        assertThat(ledger.submit(OPERATOR, "RecordDisputeOutcome",
                json(outcome("D-3", DisputeDecision.PARTIAL_REFUND, 1, 0, 0))).errorCode()).isEqualTo("REFUND_EXCEEDS_TRADE");
        assertThat(ledger.submit(OPERATOR, "RecordDisputeOutcome",
                json(outcome("D-4", DisputeDecision.DISMISSED, 0, 0, 0))).ok()).isTrue();
    }

    @Test
    void refusesARefundAboveWhatIsLeftOrAboveAPartysLine() {
        assertThat(ledger.submit(OPERATOR, "RecordDisputeOutcome",
                json(outcome("D-1", DisputeDecision.PARTIAL_REFUND, 700_000, 200_000, 100_001))).errorCode())
                .isEqualTo("REFUND_EXCEEDS_TRADE");
        // Within the total, but more than the platform's line of 100,000.
        assertThat(ledger.submit(OPERATOR, "RecordDisputeOutcome",
                json(outcome("D-1", DisputeDecision.PARTIAL_REFUND, 0, 0, 100_001))).errorCode())
                .isEqualTo("REFUND_EXCEEDS_TRADE");
        assertThat(ledger.submit(OPERATOR, "RecordDisputeOutcome",
                json(outcome("D-1", DisputeDecision.PARTIAL_REFUND, 600_000, 0, 0))).ok()).isTrue();
        // The merchant has 100,000 left of its line now.
        assertThat(ledger.submit(OPERATOR, "RecordDisputeOutcome",
                json(outcome("D-2", DisputeDecision.PARTIAL_REFUND, 100_001, 0, 0))).errorCode())
                .isEqualTo("REFUND_EXCEEDS_TRADE");
        // A full refund refunds exactly what is left (400,000).
        assertThat(ledger.submit(OPERATOR, "RecordDisputeOutcome",
                json(outcome("D-2", DisputeDecision.FULL_REFUND, 100_000, 200_000, 99_999))).errorCode())
                .isEqualTo("INVALID_ARGUMENT");
        assertThat(ledger.submit(OPERATOR, "RecordDisputeOutcome",
                json(outcome("D-2", DisputeDecision.FULL_REFUND, 100_000, 200_000, 100_000))).ok()).isTrue();
    }

    @Test
    void checksLinesPartiesCurrencyAndTheTrade() {
        DisputeOutcomeRequest ok = outcome("D-1", DisputeDecision.PARTIAL_REFUND, 7, 2, 1);
        DisputeOutcomeRequest badSum = new DisputeOutcomeRequest("D-1", "T-1", "c", DisputeDecision.PARTIAL_REFUND, 11, "CNY",
                ok.refundLines(), ok.noteDigest(), "operator");
        assertThat(ledger.submit(OPERATOR, "RecordDisputeOutcome", json(badSum)).errorCode()).isEqualTo("SPLIT_SUM_MISMATCH");
        DisputeOutcomeRequest stranger = new DisputeOutcomeRequest("D-1", "T-1", "c", DisputeDecision.PARTIAL_REFUND, 5, "CNY",
                List.of(new SplitLine("someone-else", SplitRole.CONTRIBUTOR, 5)), ok.noteDigest(), "operator");
        assertThat(ledger.submit(OPERATOR, "RecordDisputeOutcome", json(stranger)).errorCode()).isEqualTo("REFUND_PARTY_MISMATCH");
        DisputeOutcomeRequest wrongRole = new DisputeOutcomeRequest("D-1", "T-1", "c", DisputeDecision.PARTIAL_REFUND, 5, "CNY",
                List.of(new SplitLine(PLATFORM, SplitRole.MERCHANT, 5)), ok.noteDigest(), "operator");
        assertThat(ledger.submit(OPERATOR, "RecordDisputeOutcome", json(wrongRole)).errorCode()).isEqualTo("REFUND_PARTY_MISMATCH");
        DisputeOutcomeRequest usd = new DisputeOutcomeRequest("D-1", "T-1", "c", DisputeDecision.PARTIAL_REFUND, 10, "USD",
                ok.refundLines(), ok.noteDigest(), "operator");
        assertThat(ledger.submit(OPERATOR, "RecordDisputeOutcome", json(usd)).errorCode()).isEqualTo("REFUND_PARTY_MISMATCH");
        DisputeOutcomeRequest noTrade = new DisputeOutcomeRequest("D-1", "T-none", "c", DisputeDecision.PARTIAL_REFUND, 10, "CNY",
                ok.refundLines(), ok.noteDigest(), "operator");
        assertThat(ledger.submit(OPERATOR, "RecordDisputeOutcome", json(noTrade)).errorCode()).isEqualTo("NOT_FOUND");
        DisputeOutcomeRequest dismissedWithMoney = new DisputeOutcomeRequest("D-1", "T-1", "c", DisputeDecision.DISMISSED, 10,
                "CNY", ok.refundLines(), ok.noteDigest(), "operator");
        assertThat(ledger.submit(OPERATOR, "RecordDisputeOutcome", json(dismissedWithMoney)).errorCode())
                .isEqualTo("INVALID_ARGUMENT");
        DisputeOutcomeRequest negative = new DisputeOutcomeRequest("D-1", "T-1", "c", DisputeDecision.PARTIAL_REFUND, -1, "CNY",
                List.of(), ok.noteDigest(), "operator");
        assertThat(ledger.submit(OPERATOR, "RecordDisputeOutcome", json(negative)).errorCode()).isEqualTo("NEGATIVE_AMOUNT");
        assertThat(ledger.submit(OPERATOR, "RecordDisputeOutcome", "{\"outcomeId\":").errorCode()).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void onlyTheOperatorWritesAndARepeatIsAlreadyRecorded() {
        DisputeOutcomeRequest o = outcome("D-1", DisputeDecision.PARTIAL_REFUND, 7, 2, 1);
        assertThat(ledger.submit(REGULATOR, "RecordDisputeOutcome", json(o)).errorCode()).isEqualTo("ACCESS_DENIED");
        assertThat(ledger.submit(MERCHANT_ORG, "RecordDisputeOutcome", json(o)).errorCode()).isEqualTo("ACCESS_DENIED");
        assertThat(ledger.submit(OPERATOR, "RecordDisputeOutcome", json(o)).ok()).isTrue();
        assertThat(ledger.submit(OPERATOR, "RecordDisputeOutcome", json(o)).errorCode()).isEqualTo("ALREADY_RECORDED");
        assertThat(ledger.submit(OPERATOR, "RecordDisputeOutcome",
                json(outcome("D-1", DisputeDecision.PARTIAL_REFUND, 8, 2, 1))).errorCode()).isEqualTo("ID_CONFLICT");
        // The refused repeat took nothing more: 10 of 1,000,000 is refunded.
        JsonNode all = Json.parse(ledger.evaluate(REGULATOR, "QueryDisputeOutcomesByTrade", "T-1").payload());
        assertThat(all).hasSize(1);
    }
}

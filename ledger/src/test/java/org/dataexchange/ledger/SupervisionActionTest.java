package org.dataexchange.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dataexchange.ledger.support.Fixtures.MERCHANT;
import static org.dataexchange.ledger.support.Fixtures.json;
import static org.dataexchange.ledger.support.LedgerHarness.MERCHANT_ORG;
import static org.dataexchange.ledger.support.LedgerHarness.OPERATOR;
import static org.dataexchange.ledger.support.LedgerHarness.REGULATOR;

import com.fasterxml.jackson.databind.JsonNode;
import org.dataexchange.ledger.supervision.SupervisionActionRequest;
import org.dataexchange.ledger.supervision.SupervisionMeasure;
import org.dataexchange.ledger.support.Json;
import org.dataexchange.ledger.support.LedgerHarness;
import org.dataexchange.ledger.support.LedgerHarness.Result;
import org.junit.jupiter.api.Test;

/** RecordSupervisionAction and its reads: the regulator reads what the operator recorded; nobody else writes. */
class SupervisionActionTest {

    private final LedgerHarness ledger = new LedgerHarness();

    private static SupervisionActionRequest action(String id, SupervisionMeasure measure, String productId) {
        return new SupervisionActionRequest(id, MERCHANT, measure, productId, "misleading sample data in the product sheet",
                "demo-operator");
    }

    @Test
    void recordsActionsWithTheirEventAndTheRegulatorReadsThemByPartyAndInPages() {
        Result talk = ledger.submit(OPERATOR, "RecordSupervisionAction", json(action("S-1", SupervisionMeasure.WARNING_TALK, null)));
        assertThat(talk.ok()).as(talk.message()).isTrue();
        assertThat(talk.event().getEventName()).isEqualTo("SupervisionActionRecorded");
        JsonNode recorded = Json.parse(talk.event().getPayload().toStringUtf8());
        assertThat(recorded.at("/request/measure").asText()).isEqualTo("WARNING_TALK");
        assertThat(recorded.at("/txId").asText()).isEqualTo(talk.txId());
        assertThat(recorded.at("/recordedAt").asText()).isNotBlank();

        assertThat(ledger.submit(OPERATOR, "RecordSupervisionAction",
                json(action("S-2", SupervisionMeasure.LISTING_TAKEDOWN, "wx-radar"))).ok()).isTrue();
        assertThat(ledger.submit(OPERATOR, "RecordSupervisionAction",
                json(new SupervisionActionRequest("S-3", "91110000600037341L", SupervisionMeasure.SUSPENSION, null,
                        "unlicensed resale", "demo-operator"))).ok()).isTrue();

        JsonNode byParty = Json.parse(ledger.evaluate(REGULATOR, "QuerySupervisionActionsByParty", MERCHANT).payload());
        assertThat(byParty).hasSize(2);
        assertThat(byParty.get(1).at("/request/productId").asText()).isEqualTo("wx-radar");
        JsonNode page = Json.parse(ledger.evaluate(REGULATOR, "QuerySupervisionActions", "2", "").payload());
        assertThat(page.at("/records")).hasSize(2);
        JsonNode next = Json.parse(ledger.evaluate(REGULATOR, "QuerySupervisionActions", "2", page.at("/bookmark").asText()).payload());
        assertThat(next.at("/records/0/request/actionId").asText()).isEqualTo("S-3");
        assertThat(Json.parse(ledger.evaluate(REGULATOR, "GetSupervisionAction", "S-1").payload()).at("/request/reason").asText())
                .isEqualTo("misleading sample data in the product sheet");
        assertThat(ledger.evaluate(REGULATOR, "GetSupervisionAction", "S-9").errorCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    void aRepeatIsAlreadyRecordedAndAnotherActionUnderTheSameIdAConflict() {
        String first = json(action("S-1", SupervisionMeasure.SUSPENSION, null));
        assertThat(ledger.submit(OPERATOR, "RecordSupervisionAction", first).ok()).isTrue();
        assertThat(ledger.submit(OPERATOR, "RecordSupervisionAction", first).errorCode()).isEqualTo("ALREADY_RECORDED");
        assertThat(ledger.submit(OPERATOR, "RecordSupervisionAction",
                json(action("S-1", SupervisionMeasure.DISQUALIFICATION, null))).errorCode()).isEqualTo("ID_CONFLICT");
    }

    @Test
    void onlyTheOperatorWritesAndOnlyOperatorAndRegulatorRead() {
        String talk = json(action("S-1", SupervisionMeasure.WARNING_TALK, null));
        assertThat(ledger.submit(REGULATOR, "RecordSupervisionAction", talk).errorCode()).isEqualTo("ACCESS_DENIED");
        assertThat(ledger.submit(MERCHANT_ORG, "RecordSupervisionAction", talk).errorCode()).isEqualTo("ACCESS_DENIED");
        assertThat(ledger.submit(OPERATOR, "RecordSupervisionAction", talk).ok()).isTrue();
        assertThat(ledger.evaluate(MERCHANT_ORG, "QuerySupervisionActionsByParty", MERCHANT).errorCode()).isEqualTo("ACCESS_DENIED");
        assertThat(ledger.evaluate(OPERATOR, "QuerySupervisionActionsByParty", MERCHANT).ok()).isTrue();
    }

    @Test
    void aTakedownNamesItsListingOtherMeasuresNoneAndEveryActionHasAReason() {
        assertThat(ledger.submit(OPERATOR, "RecordSupervisionAction",
                json(action("S-1", SupervisionMeasure.LISTING_TAKEDOWN, null))).errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(ledger.submit(OPERATOR, "RecordSupervisionAction",
                json(action("S-2", SupervisionMeasure.SUSPENSION, "wx-radar"))).errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(ledger.submit(OPERATOR, "RecordSupervisionAction", json(new SupervisionActionRequest("S-3", MERCHANT,
                SupervisionMeasure.WARNING_TALK, null, " ", "demo-operator"))).errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(ledger.submit(OPERATOR, "RecordSupervisionAction", "{\"actionId\":\"S-4\"}").errorCode())
                .isEqualTo("INVALID_ARGUMENT");
        assertThat(ledger.world().keys()).isEmpty();
    }
}

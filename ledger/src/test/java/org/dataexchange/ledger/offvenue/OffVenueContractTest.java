package org.dataexchange.ledger.offvenue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dataexchange.ledger.support.Fixtures.json;
import static org.dataexchange.ledger.support.Fixtures.sha256;
import static org.dataexchange.ledger.support.LedgerHarness.MERCHANT_ORG;
import static org.dataexchange.ledger.support.LedgerHarness.OPERATOR;
import static org.dataexchange.ledger.support.LedgerHarness.REGULATOR;

import com.fasterxml.jackson.databind.JsonNode;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.support.Fixtures;
import org.dataexchange.ledger.support.Json;
import org.dataexchange.ledger.support.LedgerHarness;
import org.dataexchange.ledger.support.LedgerHarness.Result;
import org.junit.jupiter.api.Test;

/** RecordOffVenueDeal and its reads, run through the shim's router on devnet's simulator as a peer runs them. */
class OffVenueContractTest {

    private static final String MERCHANT = "91310000MA1FL0001A";
    private static final String BUYER = "91310000MA1FL0002B";

    private final LedgerHarness ledger = new LedgerHarness();

    static OffVenueDealRequest deal(String id, long amount) {
        return new OffVenueDealRequest(id, sha256("港口吞吐量月度数据 " + id), "TRANSPORT", ClassificationLevel.GENERAL,
                OffVenuePlanKind.ONE_OFF, MERCHANT, BUYER, amount, "CNY", "加工使用权，一年，仅限境内", "港口运力规划",
                "2026-11-20", "operator:op-1");
    }

    @Test
    void recordsAVerifiedDealMarkedOffVenueWithItsEventAndTheRegulatorReadsIt() {
        Result r = ledger.submit(OPERATOR, "offvenue:RecordOffVenueDeal", json(deal("OV-1", 1_250_000)));
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.event().getEventName()).isEqualTo(OffVenueContract.EVENT_OFF_VENUE_DEAL_RECORDED);
        JsonNode recorded = Json.parse(r.payload());
        assertThat(recorded.at("/venue").asText()).isEqualTo("OFF_VENUE");
        assertThat(recorded.at("/txId").asText()).isEqualTo(r.txId());
        assertThat(recorded.at("/request/amount").asLong()).isEqualTo(1_250_000);
        assertThat(Json.parse(r.event().getPayload().toStringUtf8())).isEqualTo(recorded);

        assertThat(ledger.submit(OPERATOR, "offvenue:RecordOffVenueDeal", json(deal("OV-2", 900_000))).ok()).isTrue();
        JsonNode one = Json.parse(ledger.evaluate(REGULATOR, "offvenue:GetOffVenueDeal", "OV-1").payload());
        assertThat(one.at("/request/merchantId").asText()).isEqualTo(MERCHANT);
        JsonNode page = Json.parse(ledger.evaluate(REGULATOR, "offvenue:QueryOffVenueDeals", "1", "").payload());
        assertThat(page.at("/records")).hasSize(1);
        assertThat(page.at("/records/0/request/dealId").asText()).isEqualTo("OV-1");
        JsonNode next = Json.parse(ledger.evaluate(REGULATOR, "offvenue:QueryOffVenueDeals", "1",
                page.at("/bookmark").asText()).payload());
        assertThat(next.at("/records/0/request/dealId").asText()).isEqualTo("OV-2");
        JsonNode byBuyer = Json.parse(ledger.evaluate(REGULATOR, "offvenue:QueryOffVenueDealsByParty", BUYER).payload());
        assertThat(byBuyer).hasSize(2);
        assertThat(Json.parse(ledger.evaluate(OPERATOR, "offvenue:QueryOffVenueDealsByParty", "nobody").payload())).isEmpty();
    }

    @Test
    void offVenueDealsAreNeverTrades() {
        assertThat(ledger.submit(OPERATOR, "offvenue:RecordOffVenueDeal", json(deal("OV-1", 1_000))).ok()).isTrue();
        assertThat(ledger.evaluate(REGULATOR, "GetTrade", "OV-1").errorCode()).isEqualTo("NOT_FOUND");
        JsonNode trades = Json.parse(ledger.evaluate(REGULATOR, "QueryTradesByTime", "2000-01-01T00:00:00Z",
                "2100-01-01T00:00:00Z", "", "").payload());
        assertThat(trades.at("/records")).isEmpty();
        assertThat(Json.parse(ledger.evaluate(REGULATOR, "QueryTradesByParty", BUYER, "", "").payload()).at("/records")).isEmpty();
    }

    @Test
    void aRepeatIsAlreadyRecordedAndADifferentDealUnderTheSameIdConflicts() {
        assertThat(ledger.submit(OPERATOR, "offvenue:RecordOffVenueDeal", json(deal("OV-1", 1_000))).ok()).isTrue();
        Result again = ledger.submit(OPERATOR, "offvenue:RecordOffVenueDeal", json(deal("OV-1", 1_000)));
        assertThat(again.errorCode()).isEqualTo("ALREADY_RECORDED");
        assertThat(ledger.submit(OPERATOR, "offvenue:RecordOffVenueDeal", json(deal("OV-1", 2_000))).errorCode())
                .isEqualTo("ID_CONFLICT");
        assertThat(ledger.events()).hasSize(1);
    }

    @Test
    void refusesBadDealsWithTypedCodesAndWritesNothing() {
        OffVenueDealRequest d = deal("OV-9", 1_000);
        assertThat(submit(new OffVenueDealRequest(d.dealId(), "not-a-digest", d.industry(), d.classificationLevel(),
                d.planKind(), d.merchantId(), d.buyerId(), d.amount(), d.currency(), d.licenceSummary(), d.scenario(),
                d.dealDate(), d.verifiedBy()))).isEqualTo("INVALID_ARGUMENT");
        assertThat(submit(new OffVenueDealRequest(d.dealId(), d.productDigest(), d.industry(), d.classificationLevel(),
                d.planKind(), d.merchantId(), d.merchantId(), d.amount(), d.currency(), d.licenceSummary(), d.scenario(),
                d.dealDate(), d.verifiedBy()))).isEqualTo("INVALID_ARGUMENT");
        assertThat(submit(new OffVenueDealRequest(d.dealId(), d.productDigest(), d.industry(), d.classificationLevel(),
                d.planKind(), d.merchantId(), d.buyerId(), -1, d.currency(), d.licenceSummary(), d.scenario(),
                d.dealDate(), d.verifiedBy()))).isEqualTo("NEGATIVE_AMOUNT");
        assertThat(submit(new OffVenueDealRequest(d.dealId(), d.productDigest(), d.industry(), d.classificationLevel(),
                d.planKind(), d.merchantId(), d.buyerId(), d.amount(), "XBT", d.licenceSummary(), d.scenario(),
                d.dealDate(), d.verifiedBy()))).isEqualTo("UNKNOWN_CURRENCY");
        assertThat(submit(new OffVenueDealRequest(d.dealId(), d.productDigest(), d.industry(), d.classificationLevel(),
                d.planKind(), d.merchantId(), d.buyerId(), d.amount(), d.currency(), d.licenceSummary(), d.scenario(),
                "2026-13-40", d.verifiedBy()))).isEqualTo("INVALID_ARGUMENT");
        assertThat(ledger.submit(OPERATOR, "offvenue:RecordOffVenueDeal",
                json(d).replace("\"amount\":1000", "\"amount\":10.5")).errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(ledger.submit(OPERATOR, "offvenue:RecordOffVenueDeal",
                json(d).replace("{", "{\"onVenue\":true,")).errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(ledger.submit(MERCHANT_ORG, "offvenue:RecordOffVenueDeal", json(d)).errorCode()).isEqualTo("ACCESS_DENIED");
        assertThat(ledger.submit(REGULATOR, "offvenue:RecordOffVenueDeal", json(d)).errorCode()).isEqualTo("ACCESS_DENIED");
        assertThat(ledger.evaluate(MERCHANT_ORG, "offvenue:QueryOffVenueDeals", "", "").errorCode()).isEqualTo("ACCESS_DENIED");
        assertThat(ledger.evaluate(REGULATOR, "offvenue:GetOffVenueDeal", "OV-9").errorCode()).isEqualTo("NOT_FOUND");
        assertThat(ledger.evaluate(REGULATOR, "offvenue:Nothing").errorCode()).isEqualTo("UNKNOWN_TRANSACTION");
        assertThat(ledger.world().size()).isZero();
    }

    @Test
    void theContractIsDescribedInTheMetadataAndTheReadme() throws Exception {
        Result r = ledger.evaluate(MERCHANT_ORG, "org.hyperledger.fabric:GetMetadata");
        JsonNode contract = Json.parse(r.payload()).at("/contracts/offvenue");
        assertThat(contract.at("/transactions")).hasSize(4);
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        for (String name : new String[] {"RecordOffVenueDeal", "GetOffVenueDeal", "QueryOffVenueDeals",
                "QueryOffVenueDealsByParty", OffVenueContract.EVENT_OFF_VENUE_DEAL_RECORDED}) {
            assertThat(readme).contains("`" + name + "`");
        }
    }

    private String submit(OffVenueDealRequest request) {
        return ledger.submit(OPERATOR, "offvenue:RecordOffVenueDeal", Fixtures.json(request)).errorCode();
    }
}

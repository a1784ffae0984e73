package org.dataexchange.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dataexchange.ledger.support.LedgerHarness.MERCHANT_ORG;
import static org.dataexchange.ledger.support.LedgerHarness.OPERATOR;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.support.Fixtures;
import org.dataexchange.ledger.support.Json;
import org.dataexchange.ledger.support.LedgerHarness;
import org.dataexchange.ledger.support.LedgerHarness.Result;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.junit.jupiter.api.Test;

/** The contract as a peer and its clients see it: metadata, routing and the documented surface. */
class ContractSurfaceTest {

    private final LedgerHarness ledger = new LedgerHarness();

    @Test
    void getMetadataDescribesEveryTransactionWithItsIntent() {
        Result r = ledger.evaluate(MERCHANT_ORG, "org.hyperledger.fabric:GetMetadata");
        assertThat(r.ok()).as(r.message()).isTrue();
        JsonNode contract = Json.parse(r.payload()).at("/contracts/settlement");
        assertThat(contract.at("/info/title").asText()).isEqualTo("Data-element exchange settlement");
        List<String> names = new ArrayList<>();
        contract.at("/transactions").forEach(tx -> names.add(tx.at("/name").asText()));
        assertThat(names).containsExactlyInAnyOrderElementsOf(transactionNames());
        contract.at("/transactions").forEach(tx -> {
            String name = tx.at("/name").asText();
            String tag = tx.at("/tags").toString();
            boolean write = List.of("RegisterProductVersion", "UpdateListingStatus", "RecordTrade", "SettleTrades",
                    "IssueCertificate", "RevokeLicence", "RecordDelivery", "RecordDisputeOutcome", "RecordSupervisionAction").contains(name);
            assertThat(tag).as(name).contains(write ? "SUBMIT" : "EVALUATE");
        });
    }

    @Test
    void bothDefaultAndQualifiedNamesRouteAndUnknownNamesAreTyped() {
        String json = Fixtures.json(Fixtures.product("wx", ClassificationLevel.GENERAL));
        assertThat(ledger.submit(OPERATOR, "settlement:RegisterProductVersion", json).ok()).isTrue();
        assertThat(ledger.evaluate(OPERATOR, "GetProduct", "wx").ok()).isTrue();
        assertThat(ledger.evaluate(OPERATOR, "DropAllTrades").errorCode()).isEqualTo("UNKNOWN_TRANSACTION");
    }

    @Test
    void inputKeyOrderAndWhitespaceDoNotChangeTheBytesWritten() {
        String canonical = Fixtures.json(Fixtures.product("wx", ClassificationLevel.GENERAL));
        JsonNode node = Json.parse(canonical);
        StringBuilder reordered = new StringBuilder("{\n");
        List<String> fields = new ArrayList<>();
        node.fieldNames().forEachRemaining(fields::add);
        java.util.Collections.reverse(fields);
        for (int i = 0; i < fields.size(); i++) {
            reordered.append("   \"").append(fields.get(i)).append("\" : ").append(node.get(fields.get(i)))
                    .append(i < fields.size() - 1 ? ",\n" : "\n");
        }
        reordered.append("}");

        LedgerHarness a = new LedgerHarness();
        LedgerHarness b = new LedgerHarness();
        Result ra = a.submit(OPERATOR, "RegisterProductVersion", canonical);
        Result rb = b.submit(OPERATOR, "RegisterProductVersion", reordered.toString());
        assertThat(ra.ok()).isTrue();
        assertThat(rb.ok()).isTrue();
        String key = a.world().keys().get(0);
        String stored = new String(a.world().valueOf(key), StandardCharsets.UTF_8);
        assertThat(stored).isEqualTo(new String(b.world().valueOf(key), StandardCharsets.UTF_8));
        assertThat(stored).doesNotContain(" \"").doesNotContain("\n").contains("气象观测/雷达");
        assertThat(stored).startsWith("{\"registeredAt\"");
    }

    @Test
    void theReadmeDocumentsEveryTransactionErrorCodeAndEvent() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (String tx : transactionNames()) {
            assertThat(readme).as("ledger/README.md documents transaction " + tx).contains("`" + tx + "`");
        }
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(readme).as("ledger/README.md documents error " + code).contains("`" + code.name() + "`");
        }
        for (String event : List.of(SettlementContract.EVENT_PRODUCT_REGISTERED,
                SettlementContract.EVENT_LISTING_STATUS_CHANGED, SettlementContract.EVENT_TRADE_SETTLED,
                SettlementContract.EVENT_TRADES_SETTLED, SettlementContract.EVENT_CERTIFICATE_ISSUED, SettlementContract.EVENT_LICENCE_REVOKED,
                SettlementContract.EVENT_DELIVERY_RECORDED, SettlementContract.EVENT_DISPUTE_OUTCOME_RECORDED,
                SettlementContract.EVENT_SUPERVISION_ACTION_RECORDED)) {
            assertThat(readme).as("ledger/README.md documents event " + event).contains("`" + event + "`");
        }
    }

    private static List<String> transactionNames() {
        List<String> names = new ArrayList<>();
        for (Method m : SettlementContract.class.getDeclaredMethods()) {
            Transaction tx = m.getAnnotation(Transaction.class);
            if (tx != null) {
                names.add(tx.name());
            }
        }
        return names;
    }
}

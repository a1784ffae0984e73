package org.dataexchange.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dataexchange.ledger.support.Fixtures.json;
import static org.dataexchange.ledger.support.Fixtures.product;
import static org.dataexchange.ledger.support.LedgerHarness.MERCHANT_ORG;
import static org.dataexchange.ledger.support.LedgerHarness.OPERATOR;
import static org.dataexchange.ledger.support.LedgerHarness.REGULATOR;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.ListingStatus;
import org.dataexchange.ledger.product.ListingStatusChange;
import org.dataexchange.ledger.product.PersonalDataBasis;
import org.dataexchange.ledger.product.ProductRegistration;
import org.dataexchange.ledger.support.Fixtures;
import org.dataexchange.ledger.support.Json;
import org.dataexchange.ledger.support.LedgerHarness;
import org.dataexchange.ledger.support.LedgerHarness.Result;
import org.junit.jupiter.api.Test;

class ProductRegistrationTest {

    private final LedgerHarness ledger = new LedgerHarness();

    @Test
    void registersAListedVersionAndEmitsAnEvent() {
        ProductRegistration p = product("wx-radar", ClassificationLevel.GENERAL);
        Result r = ledger.submit(OPERATOR, "RegisterProductVersion", json(p));

        assertThat(r.ok()).as(r.message()).isTrue();
        JsonNode stored = Json.parse(r.payload());
        assertThat(stored.at("/status").asText()).isEqualTo("LISTED");
        assertThat(stored.at("/registration/category").asText()).isEqualTo("气象观测/雷达");
        assertThat(stored.at("/registrationTxId").asText()).isEqualTo(r.txId());
        assertThat(stored.at("/registeredAt").asText()).isEqualTo("2026-11-01T08:00:00Z");
        assertThat(r.event().getEventName()).isEqualTo("ProductRegistered");
        assertThat(r.event().getPayload().toString(StandardCharsets.UTF_8)).isEqualTo(r.payload());

        JsonNode product = Json.parse(ledger.evaluate(REGULATOR, "GetProduct", "wx-radar").payload());
        assertThat(product.at("/merchantId").asText()).isEqualTo(Fixtures.MERCHANT);
        assertThat(product.at("/versions")).hasSize(1);
        assertThat(ledger.evaluate(OPERATOR, "GetProductVersion", "wx-radar", "1").payload()).isEqualTo(r.payload());
    }

    @Test
    void registeringTheSameVersionTwiceIsAlreadyRecordedAndDifferentContentConflicts() {
        ProductRegistration p = product("wx-radar", ClassificationLevel.GENERAL);
        assertThat(ledger.submit(OPERATOR, "RegisterProductVersion", json(p)).ok()).isTrue();

        Result again = ledger.submit(OPERATOR, "RegisterProductVersion", json(p));
        assertThat(again.errorCode()).isEqualTo("ALREADY_RECORDED");

        ProductRegistration changed = new ProductRegistration(p.productId(), p.version(), p.merchantId(),
                Fixtures.sha256("other content"), p.classificationLevel(), p.category(), p.sourceType(),
                p.industry(), p.crossBorderAllowed(), p.filingReference(), p.personalDataBasis());
        assertThat(ledger.submit(OPERATOR, "RegisterProductVersion", json(changed)).errorCode())
                .isEqualTo("ID_CONFLICT");
    }

    @Test
    void aNewVersionMustComeFromTheSameMerchant() {
        ProductRegistration v1 = product("wx-radar", ClassificationLevel.GENERAL);
        ledger.submit(OPERATOR, "RegisterProductVersion", json(v1));
        ProductRegistration v2 = new ProductRegistration("wx-radar", "2", "91110000600037341L",
                Fixtures.sha256("v2"), v1.classificationLevel(), v1.category(), v1.sourceType(), v1.industry(),
                true, null, null);

        assertThat(ledger.submit(OPERATOR, "RegisterProductVersion", json(v2)).errorCode())
                .isEqualTo("MERCHANT_MISMATCH");
    }

    @Test
    void importantAndCoreDataNeedAFilingRecord() {
        for (ClassificationLevel level : new ClassificationLevel[] {ClassificationLevel.IMPORTANT, ClassificationLevel.CORE}) {
            ProductRegistration p = product("grid-load-" + level, level);
            ProductRegistration unfiled = new ProductRegistration(p.productId(), p.version(), p.merchantId(),
                    p.contentDigest(), level, p.category(), p.sourceType(), p.industry(), false, null, null);
            assertThat(ledger.submit(OPERATOR, "RegisterProductVersion", json(unfiled)).errorCode())
                    .isEqualTo("FILING_RECORD_REQUIRED");
            assertThat(ledger.submit(OPERATOR, "RegisterProductVersion", json(p)).ok()).isTrue();
        }
    }

    @Test
    void personalDataNeedsConsentOrAnonymisation() {
        assertThat(ledger.submit(OPERATOR, "RegisterProductVersion",
                json(Fixtures.personalProduct("clinic-visits", null))).errorCode())
                .isEqualTo("PERSONAL_DATA_BASIS_REQUIRED");
        assertThat(ledger.submit(OPERATOR, "RegisterProductVersion", json(Fixtures.personalProduct("clinic-visits",
                new PersonalDataBasis(PersonalDataBasis.Kind.ANONYMISATION_ATTESTATION, "ANON-2026-17")))).ok())
                .isTrue();
        assertThat(ledger.world().size()).isEqualTo(1);
    }

    @Test
    void onlyTheOperatorWritesAndOnlyOperatorAndRegulatorRead() {
        ProductRegistration p = product("wx-radar", ClassificationLevel.GENERAL);
        Result byRegulator = ledger.submit(REGULATOR, "RegisterProductVersion", json(p));
        assertThat(byRegulator.errorCode()).isEqualTo("ACCESS_DENIED");
        assertThat(byRegulator.message()).contains("OperatorMSP").contains("RegulatorMSP");
        assertThat(ledger.submit(MERCHANT_ORG, "RegisterProductVersion", json(p)).errorCode())
                .isEqualTo("ACCESS_DENIED");
        assertThat(ledger.world().size()).isZero();

        ledger.submit(OPERATOR, "RegisterProductVersion", json(p));
        assertThat(ledger.evaluate(REGULATOR, "GetProduct", "wx-radar").ok()).isTrue();
        assertThat(ledger.evaluate(MERCHANT_ORG, "GetProduct", "wx-radar").errorCode()).isEqualTo("ACCESS_DENIED");
    }

    @Test
    void listingStatusFollowsItsStateMachineAndKeepsHistory() {
        ProductRegistration p = product("wx-radar", ClassificationLevel.GENERAL);
        ledger.submit(OPERATOR, "RegisterProductVersion", json(p));

        Result suspend = ledger.submit(OPERATOR, "UpdateListingStatus",
                json(new ListingStatusChange("wx-radar", "1", ListingStatus.SUSPENDED, "约谈: quality complaint")));
        assertThat(suspend.ok()).as(suspend.message()).isTrue();
        assertThat(suspend.event().getEventName()).isEqualTo("ListingStatusChanged");
        assertThat(ledger.submit(OPERATOR, "UpdateListingStatus",
                json(new ListingStatusChange("wx-radar", "1", ListingStatus.SUSPENDED, "again"))).errorCode())
                .isEqualTo("ALREADY_RECORDED");
        assertThat(ledger.submit(OPERATOR, "UpdateListingStatus",
                json(new ListingStatusChange("wx-radar", "1", ListingStatus.DELISTED, "下架"))).ok()).isTrue();
        assertThat(ledger.submit(OPERATOR, "UpdateListingStatus",
                json(new ListingStatusChange("wx-radar", "1", ListingStatus.LISTED, "relist"))).errorCode())
                .isEqualTo("INVALID_STATUS_TRANSITION");
        assertThat(ledger.submit(OPERATOR, "UpdateListingStatus",
                json(new ListingStatusChange("nope", "1", ListingStatus.SUSPENDED, "x"))).errorCode())
                .isEqualTo("PRODUCT_NOT_REGISTERED");

        JsonNode history = Json.parse(ledger.evaluate(REGULATOR, "GetProductVersionHistory", "wx-radar", "1").payload());
        assertThat(history).hasSize(3);
        assertThat(history.get(0).at("/value/status").asText()).isEqualTo("DELISTED");
        assertThat(history.get(1).at("/value/status").asText()).isEqualTo("SUSPENDED");
        assertThat(history.get(1).at("/value/statusReason").asText()).isEqualTo("约谈: quality complaint");
        assertThat(history.get(2).at("/value/status").asText()).isEqualTo("LISTED");
        assertThat(history.get(1).at("/txId").asText()).isEqualTo(suspend.txId());
    }

    @Test
    void malformedArgumentsAreInvalidAndWriteNothing() {
        String[] bad = {
            "",
            "not json",
            "{\"productId\":\"x\"",
            json(product("wx", ClassificationLevel.GENERAL)).replace("\"productId\"", "\"productID\""),
            json(product("wx", ClassificationLevel.GENERAL)).replace("\"GENERAL\"", "\"SECRET\""),
            json(product("wx", ClassificationLevel.GENERAL)).replace("\"GENERAL\"", "1"),
            json(product("wx", ClassificationLevel.GENERAL)).replace("\"crossBorderAllowed\":true", "\"crossBorderAllowed\":null"),
            json(product("wx", ClassificationLevel.GENERAL)) + " {}",
            json(product("wx", ClassificationLevel.GENERAL)).replaceFirst("[0-9a-f]{64}", "ABC"),
            json(product("wx\u0000evil", ClassificationLevel.GENERAL)),
        };
        for (String arg : bad) {
            Result r = ledger.submit(OPERATOR, "RegisterProductVersion", arg);
            assertThat(r.errorCode()).as(arg + " -> " + r.message()).isEqualTo("INVALID_ARGUMENT");
        }
        assertThat(ledger.world().size()).isZero();
    }

    @Test
    void unknownProductsAreNotFound() {
        assertThat(ledger.evaluate(OPERATOR, "GetProduct", "none").errorCode()).isEqualTo("NOT_FOUND");
        assertThat(ledger.evaluate(OPERATOR, "GetProductVersion", "none", "1").errorCode()).isEqualTo("NOT_FOUND");
        assertThat(ledger.evaluate(OPERATOR, "GetProductVersionHistory", "none", "1").errorCode()).isEqualTo("NOT_FOUND");
    }
}

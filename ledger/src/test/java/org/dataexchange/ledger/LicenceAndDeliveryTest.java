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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dataexchange.ledger.delivery.DeliveryMode;
import org.dataexchange.ledger.delivery.DeliveryRequest;
import org.dataexchange.ledger.licence.GrantedRight;
import org.dataexchange.ledger.licence.LicenceCertificate;
import org.dataexchange.ledger.licence.RevocationRequest;
import org.dataexchange.ledger.licence.VolumeCap;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.ProductRegistration;
import org.dataexchange.ledger.support.Fixtures;
import org.dataexchange.ledger.support.Json;
import org.dataexchange.ledger.support.LedgerHarness;
import org.dataexchange.ledger.support.LedgerHarness.Result;
import org.dataexchange.ledger.trade.TradeRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LicenceAndDeliveryTest {

    private final LedgerHarness ledger = new LedgerHarness();
    private final ProductRegistration product = product("wx-radar", ClassificationLevel.GENERAL);
    private final TradeRequest trade = trade("T-1", product);
    private Instant start;
    private LicenceCertificate cert;

    @BeforeEach
    void tradeRecorded() {
        assertThat(ledger.submit(OPERATOR, "RegisterProductVersion", json(product)).ok()).isTrue();
        assertThat(ledger.submit(OPERATOR, "RecordTrade", json(trade)).ok()).isTrue();
        start = ledger.now();
        cert = certificate("C-1", trade, start, start.plus(Duration.ofDays(365)));
    }

    @Test
    void issuesACertificateThatVerifies() {
        Result issued = ledger.submit(OPERATOR, "IssueCertificate", json(cert));
        assertThat(issued.ok()).as(issued.message()).isTrue();
        assertThat(issued.event().getEventName()).isEqualTo("CertificateIssued");

        for (var who : List.of(OPERATOR, REGULATOR, MERCHANT_ORG)) {
            JsonNode v = Json.parse(ledger.evaluate(who, "VerifyCertificate", json(cert)).payload());
            assertThat(v.at("/valid").asBoolean()).as(who.mspId()).isTrue();
            assertThat(v.at("/onLedger").asBoolean()).isTrue();
            assertThat(v.at("/issueTxId").asText()).isEqualTo(issued.txId());
        }
        JsonNode status = Json.parse(ledger.evaluate(REGULATOR, "GetCertificate", "C-1").payload());
        assertThat(status.at("/issued/certificate/right").asText()).isEqualTo("PROCESSING_USE");
        assertThat(status.has("revocation")).isFalse();
        assertThat(ledger.evaluate(MERCHANT_ORG, "GetCertificate", "C-1").errorCode()).isEqualTo("ACCESS_DENIED");
        assertThat(Json.parse(ledger.evaluate(REGULATOR, "GetCertificateHistory", "C-1").payload())).hasSize(1);
    }

    @Test
    void aCertificateMustMatchItsTradeAndIdsAreUnique() {
        LicenceCertificate wrongBuyer = new LicenceCertificate("C-2", "T-1", cert.productId(), cert.version(),
                cert.contentDigest(), cert.agreementHash(), "another-buyer", cert.sellerId(), cert.right(),
                cert.permittedActions(), cert.validFrom(), cert.validUntil(), null);
        Result r = ledger.submit(OPERATOR, "IssueCertificate", json(wrongBuyer));
        assertThat(r.errorCode()).isEqualTo("CERTIFICATE_MISMATCH");
        assertThat(r.message()).contains("buyerId");

        LicenceCertificate unknownTrade = certificate("C-3", trade("T-none", product), start, null);
        assertThat(ledger.submit(OPERATOR, "IssueCertificate", json(unknownTrade)).errorCode()).isEqualTo("NOT_FOUND");

        LicenceCertificate backwards = certificate("C-4", trade, start, start.minusSeconds(1));
        assertThat(ledger.submit(OPERATOR, "IssueCertificate", json(backwards)).errorCode())
                .isEqualTo("INVALID_ARGUMENT");

        assertThat(ledger.submit(OPERATOR, "IssueCertificate", json(cert)).ok()).isTrue();
        assertThat(ledger.submit(OPERATOR, "IssueCertificate", json(cert)).errorCode()).isEqualTo("ALREADY_RECORDED");
        LicenceCertificate longer = certificate("C-1", trade, start, start.plus(Duration.ofDays(999)));
        assertThat(ledger.submit(OPERATOR, "IssueCertificate", json(longer)).errorCode()).isEqualTo("ID_CONFLICT");
        assertThat(ledger.submit(REGULATOR, "IssueCertificate", json(certificate("C-5", trade, start, null))).errorCode())
                .isEqualTo("ACCESS_DENIED");
    }

    @Test
    void aCertificateStatesItsVolumeCapsAndVerifiesWithThem() {
        LicenceCertificate capped = new LicenceCertificate(cert.certificateId(), cert.tradeId(), cert.productId(),
                cert.version(), cert.contentDigest(), cert.agreementHash(), cert.buyerId(), cert.sellerId(), cert.right(),
                cert.permittedActions(), cert.validFrom(), cert.validUntil(),
                List.of(new VolumeCap("records", 5_000_000_000L), new VolumeCap("downloads", 3)));
        LicenceCertificate zero = new LicenceCertificate("C-9", cert.tradeId(), cert.productId(), cert.version(),
                cert.contentDigest(), cert.agreementHash(), cert.buyerId(), cert.sellerId(), cert.right(),
                cert.permittedActions(), cert.validFrom(), cert.validUntil(), List.of(new VolumeCap("downloads", 0)));
        assertThat(ledger.submit(OPERATOR, "IssueCertificate", json(zero)).errorCode()).isEqualTo("INVALID_ARGUMENT");

        assertThat(ledger.submit(OPERATOR, "IssueCertificate", json(capped)).ok()).isTrue();
        JsonNode status = Json.parse(ledger.evaluate(REGULATOR, "GetCertificate", "C-1").payload());
        assertThat(status.at("/issued/certificate/volumeCaps").toString())
                .isEqualTo("[{\"limit\":5000000000,\"measure\":\"records\"},{\"limit\":3,\"measure\":\"downloads\"}]");
        assertThat(Json.parse(ledger.evaluate(MERCHANT_ORG, "VerifyCertificate", json(capped)).payload())
                .at("/valid").asBoolean()).isTrue();
        // The same certificate without its caps is not the one the ledger issued.
        JsonNode uncapped = Json.parse(ledger.evaluate(MERCHANT_ORG, "VerifyCertificate", json(cert)).payload());
        assertThat(uncapped.at("/mismatchedFields").toString()).isEqualTo("[\"volumeCaps\"]");
    }

    @Test
    void verificationNamesAlteredFieldsAndUnknownCertificates() {
        ledger.submit(OPERATOR, "IssueCertificate", json(cert));
        LicenceCertificate forged = new LicenceCertificate("C-1", "T-1", cert.productId(), cert.version(),
                cert.contentDigest(), cert.agreementHash(), cert.buyerId(), cert.sellerId(),
                GrantedRight.PRODUCT_OPERATION, List.of("use", "derive", "sell"), cert.validFrom(),
                cert.validUntil().plus(Duration.ofDays(3650)), List.of(new VolumeCap("downloads", 1_000)));
        JsonNode v = Json.parse(ledger.evaluate(MERCHANT_ORG, "VerifyCertificate", json(forged)).payload());
        assertThat(v.at("/valid").asBoolean()).isFalse();
        assertThat(v.at("/onLedger").asBoolean()).isTrue();
        assertThat(v.at("/mismatchedFields").toString()).isEqualTo("[\"right\",\"permittedActions\",\"validUntil\",\"volumeCaps\"]");

        JsonNode unknown = Json.parse(ledger.evaluate(MERCHANT_ORG, "VerifyCertificate",
                json(certificate("C-404", trade, start, null))).payload());
        assertThat(unknown.at("/valid").asBoolean()).isFalse();
        assertThat(unknown.at("/onLedger").asBoolean()).isFalse();
        assertThat(ledger.evaluate(MERCHANT_ORG, "VerifyCertificate", "{}").errorCode()).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void aRevokedCertificateFailsVerificationAndStopsDelivery() {
        ledger.submit(OPERATOR, "IssueCertificate", json(cert));
        RevocationRequest revoke = new RevocationRequest("C-1", "arbitration case ARB-12: full refund", "operator-arbitration");
        Result r = ledger.submit(OPERATOR, "RevokeLicence", json(revoke));
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.event().getEventName()).isEqualTo("LicenceRevoked");
        assertThat(ledger.submit(OPERATOR, "RevokeLicence", json(revoke)).errorCode()).isEqualTo("ALREADY_RECORDED");
        assertThat(ledger.submit(OPERATOR, "RevokeLicence",
                json(new RevocationRequest("C-1", "other", "operator"))).errorCode()).isEqualTo("ID_CONFLICT");
        assertThat(ledger.submit(OPERATOR, "RevokeLicence",
                json(new RevocationRequest("C-404", "x", "operator"))).errorCode()).isEqualTo("NOT_FOUND");
        assertThat(ledger.submit(REGULATOR, "RevokeLicence",
                json(new RevocationRequest("C-1", "x", "regulator"))).errorCode()).isEqualTo("ACCESS_DENIED");

        JsonNode v = Json.parse(ledger.evaluate(OPERATOR, "VerifyCertificate", json(cert)).payload());
        assertThat(v.at("/valid").asBoolean()).isFalse();
        assertThat(v.at("/revoked").asBoolean()).isTrue();
        assertThat(v.at("/revocation/request/reason").asText()).startsWith("arbitration");
        assertThat(Json.parse(ledger.evaluate(REGULATOR, "GetCertificate", "C-1").payload()).at("/revocation/txId")
                .asText()).isEqualTo(r.txId());

        assertThat(ledger.submit(OPERATOR, "RecordDelivery", json(download("R-1"))).errorCode())
                .isEqualTo("LICENCE_REVOKED");
    }

    @Test
    void anExpiredCertificateFailsVerificationAndStopsDelivery() {
        ledger.submit(OPERATOR, "IssueCertificate", json(cert));
        assertThat(ledger.submit(OPERATOR, "RecordDelivery", json(download("R-1"))).ok()).isTrue();

        ledger.setClock(cert.validUntil());
        JsonNode v = Json.parse(ledger.evaluate(OPERATOR, "VerifyCertificate", json(cert)).payload());
        assertThat(v.at("/valid").asBoolean()).isFalse();
        assertThat(v.at("/expired").asBoolean()).isTrue();
        assertThat(ledger.submit(OPERATOR, "RecordDelivery", json(download("R-2"))).errorCode())
                .isEqualTo("LICENCE_NOT_VALID_AT_TIME");
    }

    @Test
    void aCertificateNotYetInTermIsNotValid() {
        LicenceCertificate future = certificate("C-9", trade, start.plus(Duration.ofDays(30)), null);
        ledger.submit(OPERATOR, "IssueCertificate", json(future));
        JsonNode v = Json.parse(ledger.evaluate(OPERATOR, "VerifyCertificate", json(future)).payload());
        assertThat(v.at("/notYetValid").asBoolean()).isTrue();
        assertThat(v.at("/valid").asBoolean()).isFalse();
        DeliveryRequest early = new DeliveryRequest("R-9", "C-9", DeliveryMode.METERED_API, null, "CN", 10);
        assertThat(ledger.submit(OPERATOR, "RecordDelivery", json(early)).errorCode())
                .isEqualTo("LICENCE_NOT_VALID_AT_TIME");
    }

    @Test
    void deliveriesAreReceiptedOnceWithTheLicensedDigestAndPlace() {
        ledger.submit(OPERATOR, "IssueCertificate", json(cert));
        Result r = ledger.submit(OPERATOR, "RecordDelivery", json(download("R-1")));
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.event().getEventName()).isEqualTo("DeliveryRecorded");
        assertThat(Json.parse(r.payload()).at("/tradeId").asText()).isEqualTo("T-1");
        assertThat(ledger.submit(OPERATOR, "RecordDelivery", json(download("R-1"))).errorCode())
                .isEqualTo("ALREADY_RECORDED");
        DeliveryRequest metered = new DeliveryRequest("R-1", "C-1", DeliveryMode.METERED_API, null, "CN-SH", 5000);
        assertThat(ledger.submit(OPERATOR, "RecordDelivery", json(metered)).errorCode()).isEqualTo("ID_CONFLICT");

        DeliveryRequest wrongFile = new DeliveryRequest("R-2", "C-1", DeliveryMode.FILE_DOWNLOAD,
                Fixtures.sha256("other file"), "CN-SH", 1);
        assertThat(ledger.submit(OPERATOR, "RecordDelivery", json(wrongFile)).errorCode()).isEqualTo("DIGEST_MISMATCH");
        DeliveryRequest noDigest = new DeliveryRequest("R-3", "C-1", DeliveryMode.FILE_DOWNLOAD, null, "CN-SH", 1);
        assertThat(ledger.submit(OPERATOR, "RecordDelivery", json(noDigest)).errorCode()).isEqualTo("INVALID_ARGUMENT");
        DeliveryRequest abroad = new DeliveryRequest("R-4", "C-1", DeliveryMode.METERED_API, null, "US", 100);
        assertThat(ledger.submit(OPERATOR, "RecordDelivery", json(abroad)).errorCode())
                .isEqualTo("CROSS_BORDER_NOT_PERMITTED");
        DeliveryRequest unknownCert = new DeliveryRequest("R-5", "C-404", DeliveryMode.METERED_API, null, "CN", 1);
        assertThat(ledger.submit(OPERATOR, "RecordDelivery", json(unknownCert)).errorCode()).isEqualTo("NOT_FOUND");
        DeliveryRequest sandbox = new DeliveryRequest("R-6", "C-1", DeliveryMode.QUERY_SANDBOX, null, "CN", 3);
        assertThat(ledger.submit(OPERATOR, "RecordDelivery", json(sandbox)).ok()).isTrue();
        assertThat(ledger.submit(MERCHANT_ORG, "RecordDelivery", json(download("R-7"))).errorCode())
                .isEqualTo("ACCESS_DENIED");

        assertThat(ledger.evaluate(REGULATOR, "GetDelivery", "R-1").payload()).isEqualTo(r.payload());
        assertThat(ledger.evaluate(REGULATOR, "GetDelivery", "R-404").errorCode()).isEqualTo("NOT_FOUND");
        JsonNode receipts = Json.parse(ledger.evaluate(REGULATOR, "QueryDeliveriesByTrade", "T-1").payload());
        assertThat(receipts).hasSize(2);
        assertThat(receipts.get(0).at("/request/receiptId").asText()).isEqualTo("R-1");
        assertThat(receipts.get(1).at("/request/mode").asText()).isEqualTo("QUERY_SANDBOX");
    }

    private DeliveryRequest download(String receiptId) {
        return new DeliveryRequest(receiptId, "C-1", DeliveryMode.FILE_DOWNLOAD, product.contentDigest(), "CN-SH", 1);
    }
}

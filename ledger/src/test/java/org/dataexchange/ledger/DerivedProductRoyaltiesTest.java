package org.dataexchange.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dataexchange.ledger.support.Fixtures.json;
import static org.dataexchange.ledger.support.Fixtures.product;
import static org.dataexchange.ledger.support.Fixtures.sha256;
import static org.dataexchange.ledger.support.LedgerHarness.OPERATOR;
import static org.dataexchange.ledger.support.LedgerHarness.REGULATOR;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dataexchange.ledger.licence.GrantedRight;
import org.dataexchange.ledger.licence.LicenceCertificate;
import org.dataexchange.ledger.licence.RevocationRequest;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.ParentLicence;
import org.dataexchange.ledger.product.ProductRegistration;
import org.dataexchange.ledger.support.Fixtures;
import org.dataexchange.ledger.support.Json;
import org.dataexchange.ledger.support.LedgerHarness;
import org.dataexchange.ledger.support.LedgerHarness.Result;
import org.dataexchange.ledger.trade.Approvals;
import org.dataexchange.ledger.trade.SplitLine;
import org.dataexchange.ledger.trade.SplitRole;
import org.dataexchange.ledger.trade.TradeRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Merchant A ({@link Fixtures#MERCHANT}) sells merchant B a licence to derive and sell; B registers a product derived
 * under it, owing A 10% of every sale; trades of B's product must pay A at least that.
 */
class DerivedProductRoyaltiesTest {

    private static final String DERIVER = "91440300MA5DERIVED";

    private final LedgerHarness ledger = new LedgerHarness();
    private final ProductRegistration parent = product("wx-radar", ClassificationLevel.GENERAL);
    private Instant start;

    @BeforeEach
    void merchantBHoldsALicence() {
        assertThat(ledger.submit(OPERATOR, "RegisterProductVersion", json(parent)).ok()).isTrue();
        licence("C-derive", "T-derive", List.of("use", "derive", "sell"), null);
    }

    /** B buys the parent in trade {@code tradeId} and receives certificate {@code certificateId} with these actions. */
    private void licence(String certificateId, String tradeId, List<String> actions, Instant until) {
        TradeRequest bought = new TradeRequest(tradeId, "order-" + tradeId, parent.productId(), parent.version(),
                parent.contentDigest(), sha256("agreement " + tradeId), DERIVER, parent.merchantId(), 100_000L, "CNY",
                List.of(new SplitLine(parent.merchantId(), SplitRole.MERCHANT, 90_000L),
                        new SplitLine(Fixtures.PLATFORM, SplitRole.PLATFORM, 10_000L)), "CN-GD", "CN-GD", Approvals.NONE);
        assertThat(ledger.submit(OPERATOR, "RecordTrade", json(bought)).ok()).isTrue();
        start = ledger.now();
        LicenceCertificate cert = new LicenceCertificate(certificateId, tradeId, parent.productId(), parent.version(),
                parent.contentDigest(), bought.agreementHash(), DERIVER, parent.merchantId(), GrantedRight.PRODUCT_OPERATION,
                actions, start, until, null);
        Result issued = ledger.submit(OPERATOR, "IssueCertificate", json(cert));
        assertThat(issued.ok()).as(issued.message()).isTrue();
    }

    private static ProductRegistration derived(String productId, List<ParentLicence> parents) {
        return new ProductRegistration(productId, "1", DERIVER, sha256(productId), ClassificationLevel.GENERAL,
                "气象/衍生指数", org.dataexchange.ledger.product.SourceType.ENTERPRISE, "meteorology", false, null, null,
                parents);
    }

    private static TradeRequest sale(String tradeId, ProductRegistration p, long amount, List<SplitLine> lines) {
        return new TradeRequest(tradeId, "order-" + tradeId, p.productId(), p.version(), p.contentDigest(),
                sha256("agreement " + tradeId), Fixtures.BUYER, DERIVER, amount, "CNY", lines, "CN-SH", "CN-SH",
                Approvals.NONE);
    }

    @Test
    void aDerivedTradeMustPayTheParentsRoyalty() {
        ProductRegistration p = derived("wx-index", List.of(new ParentLicence("C-derive", Fixtures.MERCHANT, 1_000)));
        Result registered = ledger.submit(OPERATOR, "RegisterProductVersion", json(p));
        assertThat(registered.ok()).as(registered.message()).isTrue();
        assertThat(Json.parse(ledger.evaluate(REGULATOR, "GetProductVersion", "wx-index", "1").payload())
                .at("/registration/parents/0/royaltyBp").asInt()).isEqualTo(1_000);

        // 999 fen: 10% is 99.9, so A is owed at least 99; the split gives it 100 (the largest remainder).
        Result paid = ledger.submit(OPERATOR, "RecordTrade", json(sale("S-1", p, 999, List.of(
                new SplitLine(DERIVER, SplitRole.MERCHANT, 800),
                new SplitLine(Fixtures.MERCHANT, SplitRole.ROYALTY, 100, "C-derive"),
                new SplitLine(Fixtures.PLATFORM, SplitRole.PLATFORM, 99)))));
        assertThat(paid.ok()).as(paid.message()).isTrue();
        JsonNode lines = Json.parse(ledger.evaluate(REGULATOR, "GetSplitLines", "S-1").payload());
        assertThat(lines.get(1).at("/role").asText()).isEqualTo("ROYALTY");
        assertThat(lines.get(1).at("/parentCertificateId").asText()).isEqualTo("C-derive");
        assertThat(lines.get(1).at("/party").asText()).isEqualTo(Fixtures.MERCHANT);
        // The parent merchant finds the trade among its own.
        assertThat(Json.parse(ledger.evaluate(REGULATOR, "QueryTradesByParty", Fixtures.MERCHANT, "", "").payload())
                .at("/records").toString()).contains("S-1");

        Result omitted = ledger.submit(OPERATOR, "RecordTrade", json(sale("S-2", p, 1_000, List.of(
                new SplitLine(DERIVER, SplitRole.MERCHANT, 900),
                new SplitLine(Fixtures.PLATFORM, SplitRole.PLATFORM, 100)))));
        assertThat(omitted.errorCode()).isEqualTo("ROYALTY_UNDERPAID");
        Result underpaid = ledger.submit(OPERATOR, "RecordTrade", json(sale("S-3", p, 1_000, List.of(
                new SplitLine(DERIVER, SplitRole.MERCHANT, 801),
                new SplitLine(Fixtures.MERCHANT, SplitRole.ROYALTY, 99, "C-derive"),
                new SplitLine(Fixtures.PLATFORM, SplitRole.PLATFORM, 100)))));
        assertThat(underpaid.errorCode()).isEqualTo("ROYALTY_UNDERPAID");
        // Paid to somebody else than the parent's merchant: still unpaid.
        Result wrongPayee = ledger.submit(OPERATOR, "RecordTrade", json(sale("S-4", p, 1_000, List.of(
                new SplitLine(DERIVER, SplitRole.MERCHANT, 800),
                new SplitLine(DERIVER, SplitRole.ROYALTY, 100, "C-derive"),
                new SplitLine(Fixtures.PLATFORM, SplitRole.PLATFORM, 100)))));
        assertThat(wrongPayee.errorCode()).isEqualTo("ROYALTY_UNDERPAID");
        Result foreign = ledger.submit(OPERATOR, "RecordTrade", json(sale("S-5", p, 1_000, List.of(
                new SplitLine(DERIVER, SplitRole.MERCHANT, 800),
                new SplitLine(Fixtures.MERCHANT, SplitRole.ROYALTY, 100, "C-other"),
                new SplitLine(Fixtures.PLATFORM, SplitRole.PLATFORM, 100)))));
        assertThat(foreign.errorCode()).isEqualTo("PARENT_LICENCE_INVALID");
        // A refusal writes nothing.
        assertThat(ledger.evaluate(REGULATOR, "GetTrade", "S-2").errorCode()).isEqualTo("NOT_FOUND");

        // Batched settlement applies the same rule to each trade on its own.
        TradeRequest batched = sale("S-6", p, 1_000, List.of(new SplitLine(DERIVER, SplitRole.MERCHANT, 1_000)));
        LicenceCertificate cert = new LicenceCertificate("C-S-6", "S-6", p.productId(), p.version(), p.contentDigest(),
                batched.agreementHash(), Fixtures.BUYER, DERIVER, GrantedRight.PROCESSING_USE, List.of("use"), start, null, null);
        JsonNode outcome = Json.parse(ledger.submit(OPERATOR, "SettleTrades", "{\"settlements\":[{\"certificate\":"
                + json(cert) + ",\"trade\":" + json(batched) + "}]}").payload());
        assertThat(outcome.at("/outcomes/0/result").asText()).isEqualTo("REFUSED");
        assertThat(outcome.at("/outcomes/0/refusal").asText()).isEqualTo("ROYALTY_UNDERPAID");
    }

    @Test
    void aRoyaltyLineNamesItsParentLicenceAndOnlyRoyaltyLinesDo() {
        Result bare = ledger.submit(OPERATOR, "RecordTrade", "{\"agreementHash\":\"" + sha256("a") + "\",\"amount\":1,"
                + "\"buyerId\":\"b\",\"buyerLocation\":\"CN-SH\",\"contentDigest\":\"" + parent.contentDigest() + "\","
                + "\"currency\":\"CNY\",\"deliveryLocation\":\"CN-SH\",\"orderRef\":\"o\",\"productId\":\"wx-radar\","
                + "\"sellerId\":\"" + parent.merchantId() + "\",\"splitLines\":[{\"amount\":1,\"party\":\"x\","
                + "\"role\":\"ROYALTY\"}],\"tradeId\":\"R-1\",\"version\":\"1\"}");
        assertThat(bare.errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(bare.message()).contains("parentCertificateId");
        TradeRequest plain = sale("R-2", parent, 1, List.of(new SplitLine("x", SplitRole.MERCHANT, 1, "C-derive")));
        assertThat(ledger.submit(OPERATOR, "RecordTrade", json(plain)).errorCode()).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void registrationChecksEachParentLicence() {
        licence("C-use-only", "T-use", List.of("use", "derive"), null);
        licence("C-short", "T-short", List.of("use", "derive", "sell"), ledger.now().plus(Duration.ofDays(1)));
        licence("C-revoked", "T-revoked", List.of("use", "derive", "distribute"), null);
        assertThat(ledger.submit(OPERATOR, "RevokeLicence", json(new RevocationRequest("C-revoked", "breach", "op"))).ok())
                .isTrue();

        assertThat(register("p1", new ParentLicence("C-none", Fixtures.MERCHANT, 100))).contains("not on the ledger");
        assertThat(register("p2", new ParentLicence("C-use-only", Fixtures.MERCHANT, 100))).contains("derive and the sale");
        assertThat(register("p3", new ParentLicence("C-revoked", Fixtures.MERCHANT, 100))).contains("revoked");
        assertThat(register("p4", new ParentLicence("C-derive", "somebody-else", 100))).contains("was sold by");
        ledger.advance(Duration.ofDays(2));
        assertThat(register("p5", new ParentLicence("C-short", Fixtures.MERCHANT, 100))).contains("not in force");
        // Held by another merchant than the one registering.
        ProductRegistration foreign = new ProductRegistration("p6", "1", "91110000OTHER00001", sha256("p6"),
                ClassificationLevel.GENERAL, "x", org.dataexchange.ledger.product.SourceType.ENTERPRISE, "meteorology",
                false, null, null, List.of(new ParentLicence("C-derive", Fixtures.MERCHANT, 100)));
        Result r = ledger.submit(OPERATOR, "RegisterProductVersion", json(foreign));
        assertThat(r.errorCode()).isEqualTo("PARENT_LICENCE_INVALID");
        assertThat(r.message()).contains("is held by");
        // Royalties over the whole price, and a parent named twice, are malformed.
        assertThat(ledger.submit(OPERATOR, "RegisterProductVersion", json(derived("p7", List.of(
                new ParentLicence("C-derive", Fixtures.MERCHANT, 6_000),
                new ParentLicence("C-short", Fixtures.MERCHANT, 5_000))))).errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(ledger.submit(OPERATOR, "RegisterProductVersion", json(derived("p8", List.of(
                new ParentLicence("C-derive", Fixtures.MERCHANT, 100),
                new ParentLicence("C-derive", Fixtures.MERCHANT, 100))))).errorCode()).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void aProductWithoutParentsRegistersTheSameBytesAsBefore() {
        assertThat(json(parent)).doesNotContain("parents");
        assertThat(json(derived("x", List.of()))).doesNotContain("parents");
        assertThat(DerivedProductRoyalties.owed(Long.MAX_VALUE, 10_000)).isEqualTo(Long.MAX_VALUE);
        assertThat(DerivedProductRoyalties.owed(9, 1_111)).isZero();
    }

    private String register(String productId, ParentLicence parent) {
        Result r = ledger.submit(OPERATOR, "RegisterProductVersion", json(derived(productId, List.of(parent))));
        assertThat(r.errorCode()).as(r.message()).isEqualTo("PARENT_LICENCE_INVALID");
        return r.message();
    }
}

package org.dataexchange.ledger.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.dataexchange.ledger.json.CanonicalJson;
import org.dataexchange.ledger.licence.GrantedRight;
import org.dataexchange.ledger.licence.LicenceCertificate;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.PersonalDataBasis;
import org.dataexchange.ledger.product.ProductRegistration;
import org.dataexchange.ledger.product.SourceType;
import org.dataexchange.ledger.trade.Approvals;
import org.dataexchange.ledger.trade.SplitLine;
import org.dataexchange.ledger.trade.SplitRole;
import org.dataexchange.ledger.trade.TradeRequest;

/** Realistic records for the contract tests. */
public final class Fixtures {

    public static final String MERCHANT = "91310000MA1FL4TE3X";
    public static final String CONTRIBUTOR = "contributor-cma-shanghai";
    public static final String PLATFORM = "platform-exchange";
    public static final String BUYER = "buyer-logistics-co";

    private Fixtures() {}

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String json(Object record) {
        return CanonicalJson.write(record);
    }

    public static ProductRegistration product(String productId, ClassificationLevel level) {
        return new ProductRegistration(productId, "1", MERCHANT, sha256(productId + " v1 content"), level,
                "气象观测/雷达", SourceType.ENTERPRISE, "meteorology", true,
                level == ClassificationLevel.GENERAL ? null : "BA-2026-" + productId, null);
    }

    public static ProductRegistration personalProduct(String productId, PersonalDataBasis basis) {
        return new ProductRegistration(productId, "1", MERCHANT, sha256(productId + " v1 content"),
                ClassificationLevel.GENERAL, "医疗/门诊统计", SourceType.PERSONAL, "healthcare", false, null, basis);
    }

    public static ProductRegistration domesticOnly(ProductRegistration p) {
        return new ProductRegistration(p.productId(), p.version(), p.merchantId(), p.contentDigest(),
                p.classificationLevel(), p.category(), p.sourceType(), p.industry(), false, p.filingReference(),
                p.personalDataBasis());
    }

    /** A 10,000.00 CNY trade split 70/20/10 between merchant, contributor and platform. */
    public static TradeRequest trade(String tradeId, ProductRegistration p) {
        return trade(tradeId, p, "CN-SH", "CN-SH", Approvals.NONE);
    }

    public static TradeRequest trade(String tradeId, ProductRegistration p, String buyerLocation,
                                     String deliveryLocation, Approvals approvals) {
        return new TradeRequest(tradeId, "order-" + tradeId, p.productId(), p.version(), p.contentDigest(),
                sha256("agreement of " + tradeId), BUYER, p.merchantId(), 1_000_000L, "CNY",
                List.of(new SplitLine(p.merchantId(), SplitRole.MERCHANT, 700_000L),
                        new SplitLine(CONTRIBUTOR, SplitRole.CONTRIBUTOR, 200_000L),
                        new SplitLine(PLATFORM, SplitRole.PLATFORM, 100_000L)),
                buyerLocation, deliveryLocation, approvals);
    }

    public static TradeRequest withSplit(TradeRequest t, long amount, List<SplitLine> lines) {
        return new TradeRequest(t.tradeId(), t.orderRef(), t.productId(), t.version(), t.contentDigest(),
                t.agreementHash(), t.buyerId(), t.sellerId(), amount, t.currency(), lines, t.buyerLocation(),
                t.deliveryLocation(), t.approvals());
    }

    public static TradeRequest withCurrency(TradeRequest t, String currency) {
        return new TradeRequest(t.tradeId(), t.orderRef(), t.productId(), t.version(), t.contentDigest(),
                t.agreementHash(), t.buyerId(), t.sellerId(), t.amount(), currency, t.splitLines(),
                t.buyerLocation(), t.deliveryLocation(), t.approvals());
    }

    public static TradeRequest withSeller(TradeRequest t, String seller) {
        return new TradeRequest(t.tradeId(), t.orderRef(), t.productId(), t.version(), t.contentDigest(),
                t.agreementHash(), t.buyerId(), seller, t.amount(), t.currency(), t.splitLines(),
                t.buyerLocation(), t.deliveryLocation(), t.approvals());
    }

    public static TradeRequest withDigest(TradeRequest t, String digest) {
        return new TradeRequest(t.tradeId(), t.orderRef(), t.productId(), t.version(), digest,
                t.agreementHash(), t.buyerId(), t.sellerId(), t.amount(), t.currency(), t.splitLines(),
                t.buyerLocation(), t.deliveryLocation(), t.approvals());
    }

    public static LicenceCertificate certificate(String certificateId, TradeRequest t, Instant from, Instant until) {
        return new LicenceCertificate(certificateId, t.tradeId(), t.productId(), t.version(), t.contentDigest(),
                t.agreementHash(), t.buyerId(), t.sellerId(), GrantedRight.PROCESSING_USE, List.of("use", "derive"),
                from, until, null);
    }
}

package org.dataexchange.settlementclient;

import java.time.Instant;
import java.util.List;
import org.dataexchange.ledger.licence.GrantedRight;
import org.dataexchange.ledger.licence.LicenceCertificate;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.ProductRegistration;
import org.dataexchange.ledger.product.SourceType;
import org.dataexchange.ledger.trade.Approvals;
import org.dataexchange.ledger.trade.SplitLine;
import org.dataexchange.ledger.trade.SplitRole;
import org.dataexchange.ledger.trade.TradeRequest;

/** Contract records for the client tests. */
final class Records {

    static final String MERCHANT = "91310000MA1FL4TE3X";

    private Records() {}

    static String sha(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ProductRegistration product(String id) {
        return new ProductRegistration(id, "1", MERCHANT, sha(id), ClassificationLevel.GENERAL, "交通/公交",
                SourceType.ENTERPRISE, "transport", true, null, null);
    }

    static TradeRequest trade(String tradeId, ProductRegistration p) {
        return trade(tradeId, p, 8_800L, List.of(new SplitLine(MERCHANT, SplitRole.MERCHANT, 8_000L),
                new SplitLine("contributor-1", SplitRole.CONTRIBUTOR, 300L), new SplitLine("platform", SplitRole.PLATFORM, 500L)));
    }

    static TradeRequest trade(String tradeId, ProductRegistration p, long amount, List<SplitLine> lines) {
        return new TradeRequest(tradeId, "order-" + tradeId, p.productId(), p.version(), p.contentDigest(),
                sha("agreement " + tradeId), "buyer-1", p.merchantId(), amount, "CNY", lines, "CN-GD", "CN-GD",
                Approvals.NONE);
    }

    static LicenceCertificate certificate(String id, TradeRequest t, Instant from, Instant until) {
        return new LicenceCertificate(id, t.tradeId(), t.productId(), t.version(), t.contentDigest(), t.agreementHash(),
                t.buyerId(), t.sellerId(), GrantedRight.PROCESSING_USE, List.of("use"), from, until);
    }
}

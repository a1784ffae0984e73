package org.dataexchange.devnet;

import java.util.List;
import org.dataexchange.ledger.json.CanonicalJson;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.ListingStatus;
import org.dataexchange.ledger.product.ListingStatusChange;
import org.dataexchange.ledger.product.ProductRegistration;
import org.dataexchange.ledger.product.SourceType;
import org.dataexchange.ledger.trade.Approvals;
import org.dataexchange.ledger.trade.SplitLine;
import org.dataexchange.ledger.trade.SplitRole;
import org.dataexchange.ledger.trade.TradeRequest;

/** Settlement-contract arguments for the devnet tests. */
final class Samples {

    static final String MERCHANT = "91310000MA1FL4TE3X";

    private Samples() {}

    static String sha(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ProductRegistration product(String id) {
        return new ProductRegistration(id, "1", MERCHANT, sha(id), ClassificationLevel.GENERAL, "气象/雷达",
                SourceType.ENTERPRISE, "meteorology", true, null, null);
    }

    static String productJson(String id) {
        return CanonicalJson.write(product(id));
    }

    static String tradeJson(String tradeId, String productId) {
        ProductRegistration p = product(productId);
        return CanonicalJson.write(new TradeRequest(tradeId, "order-" + tradeId, productId, "1", p.contentDigest(),
                sha("agreement " + tradeId), "buyer-1", MERCHANT, 10_000L, "CNY",
                List.of(new SplitLine(MERCHANT, SplitRole.MERCHANT, 9_000L), new SplitLine("platform", SplitRole.PLATFORM, 1_000L)),
                "CN-SH", "CN-SH", Approvals.NONE));
    }

    static String suspendJson(String productId, String reason) {
        return CanonicalJson.write(new ListingStatusChange(productId, "1", ListingStatus.SUSPENDED, reason));
    }
}

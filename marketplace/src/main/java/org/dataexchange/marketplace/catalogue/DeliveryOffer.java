package org.dataexchange.marketplace.catalogue;

import java.util.Set;
import org.dataexchange.ledger.product.SourceType;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.marketplace.problem.ProblemType;

/**
 * How an order may be delivered: the delivery modes its product offers and, of those, the ones its plan delivers
 * through. Every delivery path asks {@link #require} before it hands anything out (SPEC §6: nothing is delivered
 * outside its licence and delivery mode; raw public data only through the query sandbox, 原始数据不出域).
 */
public record DeliveryOffer(String productId, SourceType sourceType, Set<DeliveryMode> productModes, String planId,
                            Set<DeliveryMode> planModes) {

    /** Problem type: the product or its plan does not deliver through the mode asked for. */
    public static final String MODE_NOT_OFFERED = ProblemType.DELIVERY_MODE_NOT_OFFERED.uri();
    /** Problem type: the product is delivered only in the query sandbox: aggregate queries, no file, no API calls. */
    public static final String QUERY_SANDBOX_ONLY = ProblemType.QUERY_SANDBOX_ONLY.uri();
    /** Problem type: raw public data does not leave the exchange as a file (原始数据不出域). */
    public static final String RAW_PUBLIC_DATA = ProblemType.RAW_PUBLIC_DATA_STAYS_IN_DOMAIN.uri();

    /** Refuses (403, with a stable type) a delivery through {@code mode} that this order may not have. */
    public void require(DeliveryMode mode) {
        boolean rawPublicFile = sourceType == SourceType.PUBLIC && mode == DeliveryMode.FILE_DOWNLOAD;
        if (planModes.contains(mode) && !rawPublicFile) {
            return;
        }
        if (planModes.equals(Set.of(DeliveryMode.QUERY_SANDBOX))) {
            throw ApiProblem.of(ProblemType.QUERY_SANDBOX_ONLY, "Delivered only in the query sandbox",
                    "product " + productId + " is delivered only through the query sandbox (数据可用不可见): run aggregate"
                            + " queries with POST /api/orders/{id}/sandbox/queries; it is not delivered as a file or"
                            + " through API calls");
        }
        if (rawPublicFile) {
            throw ApiProblem.of(ProblemType.RAW_PUBLIC_DATA_STAYS_IN_DOMAIN, "Raw public data stays in the exchange",
                    "product " + productId + " is public data: raw public data is not handed out as files"
                            + " (原始数据不出域、数据可用不可见)");
        }
        throw ApiProblem.of(ProblemType.DELIVERY_MODE_NOT_OFFERED, "Delivery mode not offered",
                (productModes.contains(mode) ? "plan " + planId + " of product " + productId : "product " + productId)
                        + " is not delivered through " + mode + "; this order is delivered through " + planModes);
    }
}

package org.dataexchange.ledger.supervision;

import org.dataexchange.ledger.Arguments;
import org.dataexchange.ledger.ErrorCode;

/**
 * A supervision action as the exchange asks the ledger to record it: the party it concerns (the merchant's unified
 * social credit code), the measure, the listing for a takedown, the reason in words (it names no person; it is what
 * the regulator and the merchant read) and who decided it. The time is the transaction's.
 *
 * @param productId the product taken down; only with {@link SupervisionMeasure#LISTING_TAKEDOWN}
 */
public record SupervisionActionRequest(
        String actionId,
        String partyId,
        SupervisionMeasure measure,
        String productId,
        String reason,
        String decidedBy) {

    public static final int MAX_REASON = 2000;

    public SupervisionActionRequest validated() {
        Arguments.text(actionId, "actionId", 128);
        Arguments.text(partyId, "partyId", 128);
        Arguments.required(measure, "measure");
        Arguments.text(reason, "reason", MAX_REASON);
        Arguments.text(decidedBy, "decidedBy", 128);
        if (measure == SupervisionMeasure.LISTING_TAKEDOWN) {
            Arguments.text(productId, "productId", 128);
        } else if (productId != null) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("productId is given only with a LISTING_TAKEDOWN, not a " + measure);
        }
        return this;
    }
}

package org.dataexchange.marketplace.billing;

import org.dataexchange.marketplace.account.Role;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.problem.ApiProblem;

/**
 * Which side of a trade a list of subscriptions or bills is taken from: HELD, the licences the caller's organisation
 * bought (a buyer's, or a merchant's licensing another merchant's data); SOLD, those of the merchant's own products.
 * Asked for explicitly, the two never mix; left out, each role keeps the side it always had (a buyer HELD, a merchant
 * SOLD).
 */
public enum Side {
    HELD, SOLD;

    /** The side asked for, or the role's own side; a buyer organisation sells nothing, so it has no SOLD side. */
    static Side of(Viewer viewer, Side asked) {
        Side side = asked != null ? asked : viewer.is(Role.MERCHANT) ? SOLD : HELD;
        if (side == SOLD && !viewer.is(Role.MERCHANT)) {
            throw ApiProblem.forbidden("side SOLD lists what a merchant sold; a buyer organisation sells nothing (ask side HELD)");
        }
        return side;
    }
}

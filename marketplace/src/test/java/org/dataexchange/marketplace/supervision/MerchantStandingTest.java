package org.dataexchange.marketplace.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dataexchange.ledger.supervision.SupervisionMeasure.DISQUALIFICATION;
import static org.dataexchange.ledger.supervision.SupervisionMeasure.LISTING_TAKEDOWN;
import static org.dataexchange.ledger.supervision.SupervisionMeasure.REINSTATEMENT;
import static org.dataexchange.ledger.supervision.SupervisionMeasure.SUSPENSION;
import static org.dataexchange.ledger.supervision.SupervisionMeasure.WARNING_TALK;
import static org.dataexchange.marketplace.supervision.MerchantStanding.ACTIVE;
import static org.dataexchange.marketplace.supervision.MerchantStanding.APPLYING;
import static org.dataexchange.marketplace.supervision.MerchantStanding.DISQUALIFIED;
import static org.dataexchange.marketplace.supervision.MerchantStanding.SUSPENDED;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every move of a merchant's standing, and every move it refuses. */
class MerchantStandingTest {

    @Test
    void onlyAnApplyingMerchantIsAdmitted() {
        assertThat(APPLYING.admitted()).contains(ACTIVE);
        assertThat(ACTIVE.admitted()).isEmpty();
        assertThat(SUSPENDED.admitted()).isEmpty();
        assertThat(DISQUALIFIED.admitted()).isEmpty();
    }

    @Test
    void measuresMoveTheStandingFromTheStandingsTheyName() {
        assertThat(ACTIVE.after(WARNING_TALK)).contains(ACTIVE);
        assertThat(SUSPENDED.after(WARNING_TALK)).contains(SUSPENDED);
        assertThat(ACTIVE.after(LISTING_TAKEDOWN)).contains(ACTIVE);
        assertThat(ACTIVE.after(SUSPENSION)).contains(SUSPENDED);
        assertThat(SUSPENDED.after(REINSTATEMENT)).contains(ACTIVE);
        assertThat(ACTIVE.after(DISQUALIFICATION)).contains(DISQUALIFIED);
        assertThat(SUSPENDED.after(DISQUALIFICATION)).contains(DISQUALIFIED);
    }

    @Test
    void everyOtherMoveIsRefused() {
        assertThat(SUSPENDED.after(SUSPENSION)).isEmpty();
        assertThat(ACTIVE.after(REINSTATEMENT)).isEmpty();
        for (var measure : org.dataexchange.ledger.supervision.SupervisionMeasure.values()) {
            assertThat(APPLYING.after(measure)).as("APPLYING, " + measure).isEqualTo(Optional.empty());
            assertThat(DISQUALIFIED.after(measure)).as("DISQUALIFIED, " + measure).isEqualTo(Optional.empty());
        }
    }
}

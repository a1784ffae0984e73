package org.dataexchange.marketplace.supervision;

import jakarta.inject.Singleton;
import org.dataexchange.marketplace.catalogue.SubmissionAdmission;
import org.dataexchange.marketplace.credit.CreditRecord;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.marketplace.problem.ProblemType;

/**
 * What a merchant's standing and a party's credit allow: submitting products (an ACTIVE merchant with the configured
 * score) and placing an order (from an ACTIVE merchant, by a buyer whose score allows that amount).
 */
@Singleton
public class MerchantAdmission implements SubmissionAdmission {

    private final Onboarding onboarding;
    private final CreditRecord credit;

    MerchantAdmission(Onboarding onboarding, CreditRecord credit) {
        this.onboarding = onboarding;
        this.credit = credit;
    }

    @Override
    public void requireMaySubmit(String merchantOrgId) {
        requireActive(onboarding.standingOf(merchantOrgId), "submit products for review");
        credit.requireMay(merchantOrgId, CreditRecord.Activity.SUBMIT_PRODUCTS, 0);
    }

    /** An order of {@code amountMinor} by the buyer from the merchant. */
    public void requireMayOrder(String merchantOrgId, String buyerOrgId, long amountMinor) {
        MerchantStanding seller = onboarding.standingOf(merchantOrgId);
        if (seller != MerchantStanding.ACTIVE) {
            throw ApiProblem.of(ProblemType.MERCHANT_SUSPENDED, "Merchant not trading", "the merchant of this product is "
                    + seller + " by the exchange's supervision and takes no new orders; licences already sold stay in force");
        }
        credit.requireMay(buyerOrgId, CreditRecord.Activity.PLACE_ORDER, amountMinor);
    }

    private static void requireActive(MerchantStanding standing, String what) {
        switch (standing) {
            case ACTIVE -> { }
            case APPLYING -> throw ApiProblem.of(ProblemType.MERCHANT_NOT_ADMITTED, "Merchant not admitted",
                    "your organisation may " + what + " once its onboarding application (数商入驻) is approved:"
                            + " POST /api/merchant/onboarding");
            case SUSPENDED, DISQUALIFIED -> throw ApiProblem.of(ProblemType.MERCHANT_SUSPENDED, "Merchant " + standing,
                    "your organisation is " + standing + " by the exchange's supervision and may not " + what);
        }
    }
}

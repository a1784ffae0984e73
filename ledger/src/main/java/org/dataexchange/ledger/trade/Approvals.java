package org.dataexchange.ledger.trade;

import org.dataexchange.ledger.Arguments;

/**
 * References to the evidence the compliance gates need, each kept off-ledger by its issuer.
 *
 * @param regulatorApprovalRef the regulator's approval of this trade (core data)
 * @param securityAgreementRef the data-security agreement the buyer signed (important and core data)
 * @param exportAssessmentRef the export security assessment (important and core data going abroad)
 */
public record Approvals(String regulatorApprovalRef, String securityAgreementRef, String exportAssessmentRef) {

    public static final Approvals NONE = new Approvals(null, null, null);

    Approvals validated() {
        Arguments.optionalText(regulatorApprovalRef, "approvals.regulatorApprovalRef");
        Arguments.optionalText(securityAgreementRef, "approvals.securityAgreementRef");
        Arguments.optionalText(exportAssessmentRef, "approvals.exportAssessmentRef");
        return this;
    }
}

package org.dataexchange.marketplace.catalogue;

/**
 * Whether a merchant may submit products for review at all, beyond the product's own checks: its onboarding and
 * standing, its credit score. Implemented by the features that keep those (supervision), which depend on the catalogue
 * and not the other way round; refuses with an {@link org.dataexchange.marketplace.problem.ApiProblem}.
 */
public interface SubmissionAdmission {
    void requireMaySubmit(String merchantOrgId);
}

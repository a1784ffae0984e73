/**
 * Merchants and supervision (SPEC §4): onboarding (数商入驻) reviewed by the operator within a deadline; a merchant's
 * standing as an explicit state machine ({@link org.dataexchange.marketplace.supervision.MerchantStanding}); supervision
 * actions recorded on the ledger, whose listings follow through the catalogue's listing review; and the admission
 * checks other features ask (submitting products, placing orders).
 *
 * <p>Surface: {@link org.dataexchange.marketplace.supervision.MerchantAdmission},
 * {@link org.dataexchange.marketplace.supervision.Onboarding#admitWithoutApplication} (demo data),
 * {@link org.dataexchange.marketplace.supervision.SupervisionActions#fromLedger} (the monthly regulator report). It uses the
 * catalogue and the credit record; the catalogue asks it through its own
 * {@link org.dataexchange.marketplace.catalogue.SubmissionAdmission}, so no cycle.
 */
package org.dataexchange.marketplace.supervision;

/**
 * Organisations (merchants, buyers, the operator, the regulator) and their unified social credit codes (统一社会信用代码):
 * the code check, the organisation records, and the directory that maps a ledger party (its credit code) to an
 * organisation and back.
 *
 * <p>Surface: every type here; other features read organisations through
 * {@link org.dataexchange.marketplace.organisation.OrganisationDirectory} and
 * {@link org.dataexchange.marketplace.organisation.OrganisationRepository}.
 */
package org.dataexchange.marketplace.organisation;

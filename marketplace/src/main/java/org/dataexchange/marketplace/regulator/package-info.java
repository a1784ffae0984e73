/**
 * What the regulator sees, read from the ledger with the regulator organisation's own identity: trades and statistics,
 * gated trades and other flags, dispute outcomes, certificates, blocks, transactions and the chain's verification, and
 * the reconciliation of the books against the ledger. Nothing here writes to the ledger.
 *
 * <p>Surface: {@link org.dataexchange.marketplace.regulator.Reconciliation} (also run by the crash test); the rest is
 * the HTTP API.
 */
package org.dataexchange.marketplace.regulator;

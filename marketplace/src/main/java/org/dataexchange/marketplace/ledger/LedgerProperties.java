package org.dataexchange.marketplace.ledger;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;

/**
 * {@code exchange.ledger}: which ledger the exchange uses. With nothing set, an embedded devnet under
 * {@code <exchange.data-dir>/ledger}; with {@code connection-profile} (env {@code EXCHANGE_LEDGER_CONNECTION_PROFILE}),
 * the network its {@code connection.json} describes, and the regulator's identity from
 * {@code regulator-connection-profile} when the regulator organisation has its own.
 *
 * @param connectionProfile a {@code connection.json} (a standalone devnet writes one; a Fabric network's is made
 *                          the same way) naming the peer's gateway and the operator's and regulator's identities
 * @param regulatorConnectionProfile the regulator organisation's own {@code connection.json}, if it has one
 */
@ConfigurationProperties("exchange.ledger")
public record LedgerProperties(@Nullable Path connectionProfile, @Nullable Path regulatorConnectionProfile) {}

package org.dataexchange.marketplace.ledger;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;
import java.time.Duration;
import org.dataexchange.settlementclient.ClientOptions;

/**
 * {@code exchange.ledger}: which ledger the exchange uses. With nothing set, an embedded devnet under
 * {@code <exchange.data-dir>/ledger}; with {@code connection-profile} (env {@code EXCHANGE_LEDGER_CONNECTION_PROFILE}),
 * the network its {@code connection.json} describes, and the regulator's identity from
 * {@code regulator-connection-profile} when the regulator organisation has its own.
 *
 * @param connectionProfile a {@code connection.json} (a standalone devnet writes one; a Fabric network's is made
 *                          the same way) naming the peer's gateway and the operator's and regulator's identities
 * @param regulatorConnectionProfile the regulator organisation's own {@code connection.json}, if it has one
 * @param evaluateDeadline how long a query may take (default 10 s)
 * @param endorseDeadline how long endorsement may take (default 15 s): a peer that does not answer by then is taken
 *                        as unreachable, and the request that waited is answered 503 with Retry-After
 * @param submitDeadline how long handing the endorsed transaction to the orderer may take (default 10 s)
 * @param commitStatusDeadline how long the wait for the transaction's block may take (default 1 min)
 */
@ConfigurationProperties("exchange.ledger")
public record LedgerProperties(@Nullable Path connectionProfile, @Nullable Path regulatorConnectionProfile,
                               @Nullable Duration evaluateDeadline, @Nullable Duration endorseDeadline,
                               @Nullable Duration submitDeadline, @Nullable Duration commitStatusDeadline) {

    @Creator
    public LedgerProperties {
    }

    /** Where the ledger is, with the default deadlines. */
    public LedgerProperties(@Nullable Path connectionProfile, @Nullable Path regulatorConnectionProfile) {
        this(connectionProfile, regulatorConnectionProfile, null, null, null, null);
    }

    /** The client's deadlines: those configured, the client's defaults for the rest. */
    ClientOptions.Deadlines deadlines() {
        ClientOptions.Deadlines d = ClientOptions.Deadlines.DEFAULT;
        return new ClientOptions.Deadlines(evaluateDeadline == null ? d.evaluate() : evaluateDeadline,
                endorseDeadline == null ? d.endorse() : endorseDeadline,
                submitDeadline == null ? d.submit() : submitDeadline,
                commitStatusDeadline == null ? d.commitStatus() : commitStatusDeadline);
    }
}

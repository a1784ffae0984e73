package org.dataexchange.marketplace.ledger;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import org.dataexchange.settlementclient.LedgerConnection;
import org.dataexchange.settlementclient.SettlementClient;

/**
 * The exchange's ledger client, acting as the operator organisation. By default an in-process devnet under
 * {@code <data-dir>/ledger}; with {@code exchange.ledger.connection-profile} set (env
 * {@code EXCHANGE_LEDGER_CONNECTION_PROFILE}), the network that connection.json describes.
 */
@Factory
public class LedgerFactory {

    @Singleton
    @io.micronaut.context.annotation.Primary
    @Bean(preDestroy = "close")
    public SettlementClient operatorLedger(@Value("${exchange.data-dir}") String dataDir,
                                           @Value("${exchange.ledger.connection-profile:}") String profile) throws IOException {
        LedgerConnection connection = profile.isBlank()
                ? LedgerConnection.inProcessDevnet(Path.of(dataDir).resolve("ledger"), LedgerConnection.Role.OPERATOR)
                : LedgerConnection.fromConnectionProfile(Path.of(profile), LedgerConnection.Role.OPERATOR);
        return SettlementClient.connect(connection);
    }

    /**
     * The regulator's own ledger identity: the regulator API reads trades and blocks with it, not through the
     * operator's identity or database (on a real network, the regulator organisation's peer).
     */
    @Singleton
    @jakarta.inject.Named("regulator")
    @Bean(preDestroy = "close")
    public SettlementClient regulatorLedger(@Value("${exchange.data-dir}") String dataDir,
                                            @Value("${exchange.ledger.connection-profile:}") String sharedProfile,
                                            @Value("${exchange.ledger.regulator-connection-profile:}") String regulatorProfile)
            throws IOException {
        String profile = regulatorProfile.isBlank() ? sharedProfile : regulatorProfile;
        LedgerConnection connection = profile.isBlank()
                ? LedgerConnection.inProcessDevnet(Path.of(dataDir).resolve("ledger"), LedgerConnection.Role.REGULATOR)
                : LedgerConnection.fromConnectionProfile(Path.of(profile), LedgerConnection.Role.REGULATOR);
        return SettlementClient.connect(connection);
    }
}

package org.dataexchange.marketplace;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.dataexchange.devnet.Devnet;
import org.dataexchange.marketplace.ledger.LedgerConnection;

/**
 * Two instances of the exchange as several are run in production (docs/architecture.md, "Several instances"): two
 * application contexts, each with its HTTP server and background work, on one PostgreSQL database and one devnet ledger
 * reached through its connection profile, sharing the JWT secret and the data files' volume. The first loads the demo
 * data. Closing stops both and the ledger.
 */
final class TwoInstances implements AutoCloseable {

    static final String SECRET = "shared-secret-of-both-instances-long-enough-for-hs256";

    private final Devnet devnet;
    final ApplicationContext a;
    final ApplicationContext b;
    final HttpClient httpA;
    final HttpClient httpB;
    final ApiClient apiA;
    final ApiClient apiB;

    private TwoInstances(Devnet devnet, ApplicationContext a, ApplicationContext b) {
        this.devnet = devnet;
        this.a = a;
        this.b = b;
        this.httpA = a.createBean(HttpClient.class, a.getBean(EmbeddedServer.class).getURL());
        this.httpB = b.createBean(HttpClient.class, b.getBean(EmbeddedServer.class).getURL());
        this.apiA = new ApiClient(httpA);
        this.apiB = new ApiClient(httpB);
    }

    /** Starts the ledger under {@code dir} and both instances, with the extra properties given as key, value, ... */
    static TwoInstances start(Path dir, String... extraKeyValues) throws Exception {
        Path ledgerDir = dir.resolve("ledger");
        Devnet devnet = Devnet.start(new LedgerConnection.EmbeddedDevnet(ledgerDir).devnetConfig().withPort(0));
        ApplicationContext a = null;
        try {
            Map<String, Object> shared = new HashMap<>(Map.of(
                    "exchange.data-dir", dir.resolve("shared-volume").toString(),
                    "exchange.password-cost", "4", "exchange.jwt-secret", SECRET, "micronaut.server.port", "-1",
                    "exchange.ledger.connection-profile", ledgerDir.resolve("connection.json").toString()));
            for (int i = 0; i + 1 < extraKeyValues.length; i += 2) {
                shared.put(extraKeyValues[i], extraKeyValues[i + 1]);
            }
            shared.putAll(PostgresServer.datasource(dir.toString()));
            Map<String, Object> first = new HashMap<>(shared);
            first.put("exchange.demo", "true"); // the demo data is loaded once, by the first instance
            a = ApplicationContext.run(EmbeddedServer.class, first).getApplicationContext();
            ApplicationContext b = ApplicationContext.run(EmbeddedServer.class, shared).getApplicationContext();
            return new TwoInstances(devnet, a, b);
        } catch (RuntimeException e) {
            if (a != null) {
                a.close();
            }
            devnet.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            b.close();
            a.close();
        } finally {
            devnet.close();
        }
    }
}

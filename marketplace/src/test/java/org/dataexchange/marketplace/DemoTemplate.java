package org.dataexchange.marketplace;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.dataexchange.marketplace.catalogue.DemoCatalogue;

/**
 * The demo data seeded once per test JVM, copied into each test service's data directory.
 *
 * <p>Seeding the demo catalogue through review and ledger registration took most of a test service's start (tens of
 * seconds of CPU on a loaded CI machine), and a suite starts some fifty services with demo data. So the first test
 * service of the JVM that asks for demo data ({@link ApiClient#testProperties}) starts a service of its own on a
 * template directory, lets {@link DemoData} seed it, and stops it; every test service then starts on a copy of that
 * stopped directory (the books' H2 file, the devnet ledger's blocks and crypto, the data files), which is a restart of a
 * freshly seeded exchange: {@link DemoData} finds its accounts and catalogue and adds nothing, the ledger and the books
 * agree. On PostgreSQL ({@code exchange.test.database=postgresql}) the template's database is copied too (CREATE
 * DATABASE ... TEMPLATE). A test that needs the seed itself to run sets {@code exchange.demo-template=false} among its
 * properties ({@link ApiClient#testProperties}); {@code -Dexchange.demo-template=false} on the Maven command line seeds
 * every service itself, as before (to compare). Nothing else changes for a test class.
 */
public final class DemoTemplate {

    /** The property that, set to {@code false} among a test's properties, makes its service seed the demo data itself. */
    public static final String SWITCH = "exchange.demo-template";

    private static Path template;

    private DemoTemplate() {
    }

    /**
     * For a test that starts its services itself on {@code dir} with demo data (a restart test): the template copied in
     * when {@code dir} holds no books yet and the books are H2's; {@code dir}, for its properties.
     */
    public static String seeded(Path dir) {
        if (!PostgresServer.switchedOn() && !"false".equals(System.getProperty(SWITCH)) && !Files.exists(dir.resolve("db"))) {
            // (on PostgreSQL a restart test's books are found by their directory: those it seeds itself)
            copyInto(dir);
        }
        return dir.toString();
    }

    /**
     * Copies the seeded template (made on first use) into {@code dataDir}, an empty directory; on PostgreSQL the
     * template's books too, into the database of {@code dataDir} ({@link PostgresServer#datasource}).
     */
    public static void copyInto(Path dataDir) {
        Path from = template();
        if (PostgresServer.switchedOn()) {
            PostgresServer.copyDatabase(from.toString(), dataDir.toString());
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = dataDir.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the demo template " + from + " to " + dataDir, e);
        }
    }

    private static synchronized Path template() {
        if (template != null) {
            return template;
        }
        try {
            Path dir = Files.createTempDirectory("demo-template");
            Map<String, Object> p = new HashMap<>(ApiClient.serviceProperties(dir.toString()));
            if (PostgresServer.switchedOn()) {
                p.putAll(PostgresServer.datasource(dir.toString()));
            }
            long wall = System.nanoTime();
            long cpu = processCpuNanos();
            try (ApplicationContext ctx = ApplicationContext.run(EmbeddedServer.class, p).getApplicationContext()) {
                // DemoData seeded the catalogue on start-up; its derived product follows in background rounds (a licence
                // bought and settled, then the listing). The template waits for it, so that every copy starts with the
                // whole demo and no test service repeats those rounds. Closing stops the ledger and the books cleanly.
                awaitDerivedProductListed(ctx);
            }
            System.out.printf("demo template: seeded %s in %d ms (%d ms of the JVM's CPU)%n", dir,
                    (System.nanoTime() - wall) / 1_000_000, (processCpuNanos() - cpu) / 1_000_000);
            // A lock file left behind would make a copy look open by another process.
            for (String lock : List.of("db/exchange.lock.db")) {
                Files.deleteIfExists(dir.resolve(lock));
            }
            template = dir;
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the demo's background rounds have listed its derived product: from then on the demo places no order
     * of its own, so a test that counts orders on a service seeding itself counts only its own.
     */
    public static void awaitDerivedProductListed(ApplicationContext ctx) {
        String title = DemoCatalogue.DERIVED.titleZh();
        try (HttpClient http = ctx.createBean(HttpClient.class, ctx.getBean(EmbeddedServer.class).getURL())) {
            Awaitility.await("the demo's derived product listed in the template").atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(250)).until(() -> {
                        Map<?, ?> page = http.toBlocking().retrieve(HttpRequest.GET("/api/products?q="
                                + URLEncoder.encode(title, StandardCharsets.UTF_8)), Map.class);
                        return ((List<?>) page.get("content")).stream()
                                .anyMatch(hit -> ((Map<?, ?>) hit).get("title").toString().startsWith(title));
                    });
        }
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }
}

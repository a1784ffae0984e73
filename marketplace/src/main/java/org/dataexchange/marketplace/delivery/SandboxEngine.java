package org.dataexchange.marketplace.delivery;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.marketplace.problem.ProblemType;

/**
 * The query sandbox's engine: DuckDB, embedded (in-process, no server), one in-memory database per query. The product's
 * CSV file is loaded into the table {@code data}; then the engine is shut off from the file system and its settings
 * locked, and only then the compiled query runs, with one thread, a memory limit and a time limit (the statement is
 * cancelled when it is up). The answer is the groups with their sizes; suppression is the caller's.
 */
@Singleton
class SandboxEngine {

    /**
     * The groups a query answered, each its visible values followed by its key and its size; the keys of the groups
     * overlap control suppresses, and how long that check took.
     */
    record Groups(List<List<Object>> rows, java.util.Set<String> differencing, long overlapMillis) {}

    /**
     * One of the {@code exchange.sandbox.concurrent-queries} places to run a query in: taken before the query takes a
     * database connection (its licence's row lock, {@link AnsweredQueries#oneAtATime}) and given back when it is done, so
     * the sandbox never holds more connections than it has places, however many queries wait.
     */
    interface Admission extends AutoCloseable {
        @Override
        void close();
    }

    private final SandboxSettings settings;
    private final Semaphore running;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-timeout");
        t.setDaemon(true);
        return t;
    });

    SandboxEngine(SandboxSettings settings) {
        this.settings = settings;
        this.running = new Semaphore(Math.max(1, settings.concurrentQueries()), true);
    }

    SandboxSettings settings() {
        return settings;
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    /**
     * A place to run a query in, waited for up to the query time limit (without a database connection: the caller takes
     * one only once admitted), then refused as busy.
     */
    Admission admit() {
        boolean admitted;
        try {
            admitted = running.tryAcquire(settings.queryTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            throw ApiProblem.of(ProblemType.SANDBOX_QUERY_LIMIT_EXCEEDED, "Sandbox busy",
                    "the sandbox is running as many queries as it may; try again in a moment");
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                running.release();
            }
        };
    }

    /** The columns of the file as the engine types them. */
    List<SandboxQuery.Column> columns(Path csv) {
        try (Admission admitted = admit()) {
            return withData(csv, this::describe);
        }
    }

    private List<SandboxQuery.Column> describe(Connection connection) throws SQLException {
        List<SandboxQuery.Column> columns = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("DESCRIBE data")) {
            while (r.next()) {
                columns.add(new SandboxQuery.Column(r.getString("column_name"), r.getString("column_type")));
            }
        }
        return columns;
    }

    /**
     * Compiles {@code query} against the file's columns and runs it: the groups answered (at most the limit), and of
     * those of at least k rows the keys overlap control suppresses against the licence's {@code remembered} answers. Runs
     * in the place {@code admitted} holds ({@link #admit}).
     */
    Groups run(Admission admitted, Path csv, SandboxQuery query, int k, List<OverlapControl.Answer> remembered,
               java.util.function.Consumer<SandboxQuery.Compiled> compiled) {
        java.util.Objects.requireNonNull(admitted, "a sandbox query runs only once admitted");
        return withData(csv, connection -> {
            List<SandboxQuery.Column> columns = describe(connection);
            SandboxQuery.Compiled c = query.compile(columns, settings.maxGroups(), k);
            compiled.accept(c);
            List<List<Object>> rows = new ArrayList<>();
            try (PreparedStatement p = connection.prepareStatement(c.sql())) {
                for (int i = 0; i < c.parameters().size(); i++) {
                    p.setObject(i + 1, c.parameters().get(i));
                }
                withinTimeLimit(p, r -> {
                    int width = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        if (rows.size() == settings.maxGroups()) {
                            throw ApiProblem.of(ProblemType.SANDBOX_QUERY_LIMIT_EXCEEDED, "Too many groups",
                                    "the query would answer more than " + settings.maxGroups() + " groups; group by fewer"
                                            + " columns or filter");
                        }
                        List<Object> row = new ArrayList<>(width);
                        for (int i = 1; i <= width; i++) {
                            row.add(plain(r.getObject(i)));
                        }
                        rows.add(row);
                    }
                });
            }
            Map<String, Long> candidates = new LinkedHashMap<>();
            for (List<Object> row : rows) {
                long size = ((Number) row.get(row.size() - 1)).longValue();
                if (size >= k) {
                    candidates.put((String) row.get(row.size() - 2), size);
                }
            }
            long t0 = System.nanoTime();
            java.util.Set<String> differencing = OverlapControl.differencing(connection, c, candidates, remembered, k,
                    this::withinTimeLimit);
            return new Groups(rows, differencing, (System.nanoTime() - t0) / 1_000_000);
        });
    }

    /** Runs the statement, cancelled when the query time limit is up (answered as the limit's problem). */
    private void withinTimeLimit(PreparedStatement p, OverlapControl.RowsReader reader) throws SQLException {
        AtomicBoolean cancelled = new AtomicBoolean();
        ScheduledFuture<?> deadline = timer.schedule(() -> {
            cancelled.set(true);
            try {
                p.cancel();
            } catch (SQLException ignored) {
                // the statement finished meanwhile
            }
        }, settings.queryTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try (ResultSet r = p.executeQuery()) {
            reader.read(r);
        } catch (SQLException e) {
            if (cancelled.get()) {
                throw ApiProblem.of(ProblemType.SANDBOX_QUERY_LIMIT_EXCEEDED, "Query time limit",
                        "the query ran longer than " + settings.queryTimeout().toMillis() + " ms and was cancelled");
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    private interface WithConnection<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Loads the file into a new in-memory engine and runs {@code work}; the caller holds an {@link Admission}. */
    private <T> T withData(Path csv, WithConnection<T> work) {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = connection.createStatement()) {
                s.execute("SET threads = 1");
                s.execute("SET memory_limit = '" + settings.memoryLimitMb() + "MB'");
                // Nothing spills to disk: a query that needs more memory than the limit fails instead.
                s.execute("SET max_temp_directory_size = '0B'");
            }
            AtomicBoolean loadCancelled = new AtomicBoolean();
            try (PreparedStatement load = connection.prepareStatement(
                    "CREATE TABLE data AS SELECT * FROM read_csv(?, header = true, sample_size = -1)")) {
                load.setString(1, csv.toString());
                // Loading counts against the time limit too: a file too large for the sandbox is refused, not waited for.
                ScheduledFuture<?> deadline = timer.schedule(() -> {
                    loadCancelled.set(true);
                    try {
                        load.cancel();
                    } catch (SQLException ignored) {
                        // loaded meanwhile
                    }
                }, settings.queryTimeout().toMillis(), TimeUnit.MILLISECONDS);
                try {
                    load.execute();
                } finally {
                    deadline.cancel(false);
                }
            } catch (SQLException e) {
                if (loadCancelled.get()) {
                    throw ApiProblem.of(ProblemType.SANDBOX_QUERY_LIMIT_EXCEEDED, "Query time limit", "loading the product's"
                            + " file took longer than " + settings.queryTimeout().toMillis() + " ms; it was cancelled");
                }
                throw ApiProblem.conflict("Data file not readable", "the product's file cannot be read as CSV with a"
                        + " header row, so it cannot be queried: " + firstLine(e.getMessage()));
            }
            try (Statement s = connection.createStatement()) {
                // From here on the query cannot read or write any file, nor change these settings back.
                s.execute("SET enable_external_access = false");
                s.execute("SET lock_configuration = true");
            }
            return work.apply(connection);
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("Out of Memory")) {
                throw ApiProblem.of(ProblemType.SANDBOX_QUERY_LIMIT_EXCEEDED, "Query memory limit",
                        "the query needed more than " + settings.memoryLimitMb() + " MB");
            }
            throw new IllegalStateException("the sandbox engine failed: " + message, e);
        }
    }

    private static String firstLine(String message) {
        String m = String.valueOf(message);
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        return m.length() > 300 ? m.substring(0, 300) : m;
    }

    /** Engine values as JSON takes them: numbers stay numbers, times become ISO-8601 text. */
    private static Object plain(Object value) {
        if (value instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : new BigDecimal(b);
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant().toString();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().toString();
        }
        if (value instanceof java.sql.Date || value instanceof java.time.temporal.Temporal) {
            return value.toString();
        }
        if (value == null || value instanceof Number || value instanceof String || value instanceof Boolean) {
            return value;
        }
        return value.toString();
    }
}

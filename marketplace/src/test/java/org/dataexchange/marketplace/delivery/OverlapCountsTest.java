package org.dataexchange.marketplace.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.tree.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overlap control counts per group what it used to count per row: over a file with text, whole-number, decimal (with
 * -0.0 and 0.0), true/false and time columns and empty values, for a run of queries each remembered by the next ones,
 * {@link OverlapControl#overlaps} gives exactly the counts of the former check, which keyed every row under every
 * remembered query in one statement (written out below as the reference), both for answers that name their group-by
 * columns and for answers remembered before they did (keyed row by row). So it catches exactly what the former check
 * caught, and suppresses exactly the same groups.
 */
class OverlapCountsTest {

    private static final int K = 3;

    @TempDir
    Path dir;

    @Test
    void countsPerGroupEqualThoseOfKeyingEveryRow() throws Exception {
        Random random = new Random(20261202);
        Path csv = dir.resolve("data.csv");
        StringBuilder text = new StringBuilder("time,region,category,code,score,open,value\n");
        String[] scores = {"-0.0", "0.0", "1.5", "2.25", "", "1e3"};
        for (int i = 0; i < 2000; i++) {
            text.append(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * i)).append(',')
                    .append(random.nextInt(9) == 0 ? "" : "CN-" + (char) ('A' + random.nextInt(6))).append(',')
                    .append("c").append(random.nextInt(12)).append(',')
                    .append(random.nextInt(7) == 0 ? "" : String.valueOf(random.nextInt(5))).append(',')
                    .append(scores[random.nextInt(scores.length)]).append(',')
                    .append(random.nextBoolean()).append(',')
                    .append(random.nextInt(1000)).append('\n');
        }
        Files.writeString(csv, text);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            List<SandboxQuery.Column> columns = load(connection, csv);
            assertThat(columns).extracting(SandboxQuery.Column::type)
                    .as("the file's columns are typed as the test means them")
                    .containsExactly("TIMESTAMP WITH TIME ZONE", "VARCHAR", "VARCHAR", "BIGINT", "DOUBLE", "BOOLEAN", "BIGINT");

            List<OverlapControl.Answer> remembered = new ArrayList<>();
            List<OverlapControl.Answer> rememberedWithoutColumns = new ArrayList<>();
            long overlapsSeen = 0;
            int suppressedSeen = 0;
            for (int q = 0; q < 30; q++) {
                SandboxQuery.Compiled c = query(random).compile(columns, 1000, K);
                Map<String, Long> candidates = new LinkedHashMap<>();
                try (PreparedStatement p = connection.prepareStatement(c.sql())) {
                    bind(p, c.parameters());
                    try (ResultSet r = p.executeQuery()) {
                        int width = r.getMetaData().getColumnCount();
                        while (r.next()) {
                            if (r.getLong(width) >= K) {
                                candidates.put(r.getString(width - 1), r.getLong(width));
                            }
                        }
                    }
                }
                if (!remembered.isEmpty() && !candidates.isEmpty()) {
                    var perGroup = OverlapControl.overlaps(connection, c, candidates, remembered, OverlapCountsTest::run);
                    var reference = perRow(connection, c, candidates, remembered);
                    assertThat(perGroup).as("query %d: %s", q, c.sql()).isEqualTo(reference);
                    assertThat(OverlapControl.overlaps(connection, c, candidates, rememberedWithoutColumns,
                            OverlapCountsTest::run)).as("query %d keyed row by row", q).isEqualTo(reference);
                    overlapsSeen += reference.stream().flatMap(j -> j.values().stream())
                            .flatMap(h -> h.entrySet().stream()).filter(e -> !e.getKey().equals("null")).count();
                    Set<String> suppressed = OverlapControl.decide(candidates, perGroup, K);
                    assertThat(suppressed).isEqualTo(OverlapControl.decide(candidates, reference, K));
                    suppressedSeen += suppressed.size();
                    candidates.keySet().removeAll(suppressed);
                }
                if (!candidates.isEmpty()) {
                    remembered.add(new OverlapControl.Answer(c.where(), c.parameters(), c.groupKey(), c.groupColumns(),
                            List.copyOf(candidates.keySet())));
                    rememberedWithoutColumns.add(new OverlapControl.Answer(c.where(), c.parameters(), c.groupKey(), null,
                            List.copyOf(candidates.keySet())));
                }
            }
            assertThat(remembered).as("the run remembers answers").hasSizeGreaterThan(10);
            assertThat(overlapsSeen).as("the run's groups overlap remembered ones").isGreaterThan(500);
            assertThat(suppressedSeen).as("the run has differencing groups to suppress").isPositive();
        }
    }

    /**
     * The edges of counting in one pass: more remembered queries than the default window of 50, answers remembered with
     * and without their group-by columns side by side, a remembered answer whose condition no row meets now, three
     * filters on one column, empty values and -0.0/0.0 grouped on, and columns named like the counting's own outputs.
     */
    @Test
    void manyMixedRememberedQueriesOverColumnsNamedLikeTheCountingsOwnOutputs() throws Exception {
        Random random = new Random(7);
        Path csv = dir.resolve("edges.csv");
        StringBuilder text = new StringBuilder("in_new_query,rows_of_0,key_0,new_key,value\n");
        String[] decimals = {"-0.0", "0.0", "", "2.5"};
        for (int i = 0; i < 1000; i++) {
            text.append(random.nextInt(8) == 0 ? "" : "r" + random.nextInt(4)).append(',')
                    .append(random.nextInt(3)).append(',')
                    .append(decimals[random.nextInt(decimals.length)]).append(',')
                    .append(random.nextBoolean()).append(',')
                    .append(random.nextInt(1000)).append('\n');
        }
        Files.writeString(csv, text);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            List<SandboxQuery.Column> columns = load(connection, csv);
            assertThat(columns).extracting(SandboxQuery.Column::type).as("the file's columns are typed as the test means them")
                    .containsExactly("VARCHAR", "BIGINT", "DOUBLE", "BOOLEAN", "BIGINT");
            List<OverlapControl.Answer> remembered = new ArrayList<>();
            long overlapsSeen = 0;
            int suppressedSeen = 0;
            for (int q = 0; q < 64; q++) {
                List<String> groupable = new ArrayList<>(List.of("in_new_query", "rows_of_0", "key_0", "new_key"));
                java.util.Collections.shuffle(groupable, random);
                List<String> groupBy = List.copyOf(groupable.subList(0, random.nextInt(3)));
                List<SandboxQuery.Selection> select = new ArrayList<>();
                groupBy.forEach(g -> select.add(new SandboxQuery.Selection(null, g, null)));
                select.add(new SandboxQuery.Selection(SandboxQuery.Aggregate.COUNT, null, null));
                int low = random.nextInt(500);
                List<SandboxQuery.Filter> filters = new ArrayList<>(List.of(
                        new SandboxQuery.Filter("value", SandboxQuery.Operator.GE, JsonNode.createNumberNode(low), null),
                        new SandboxQuery.Filter("value", SandboxQuery.Operator.LT,
                                JsonNode.createNumberNode(low + 200 + random.nextInt(300)), null),
                        new SandboxQuery.Filter("value", SandboxQuery.Operator.NE, JsonNode.createNumberNode(low + 1), null)));
                SandboxQuery.Compiled c = new SandboxQuery(select, filters, groupBy).compile(columns, 1000, K);
                Map<String, Long> candidates = new LinkedHashMap<>();
                try (PreparedStatement p = connection.prepareStatement(c.sql())) {
                    bind(p, c.parameters());
                    try (ResultSet r = p.executeQuery()) {
                        int width = r.getMetaData().getColumnCount();
                        while (r.next()) {
                            if (r.getLong(width) >= K) {
                                candidates.put(r.getString(width - 1), r.getLong(width));
                            }
                        }
                    }
                }
                if (q == 1) {
                    // Remembered when the file held rows it no longer holds: its condition meets no row now.
                    SandboxQuery gone = new SandboxQuery(select, List.of(new SandboxQuery.Filter("value",
                            SandboxQuery.Operator.GE, JsonNode.createNumberNode(5000), null)), groupBy);
                    SandboxQuery.Compiled g = gone.compile(columns, 1000, K);
                    remembered.add(new OverlapControl.Answer(g.where(), g.parameters(), g.groupKey(), g.groupColumns(),
                            List.copyOf(candidates.keySet())));
                }
                if (!remembered.isEmpty() && !candidates.isEmpty()) {
                    var perGroup = OverlapControl.overlaps(connection, c, candidates, remembered, OverlapCountsTest::run);
                    var reference = perRow(connection, c, candidates, remembered);
                    assertThat(perGroup).as("query %d: %s", q, c.sql()).isEqualTo(reference);
                    overlapsSeen += reference.stream().flatMap(j -> j.values().stream())
                            .flatMap(h -> h.entrySet().stream()).filter(e -> !e.getKey().equals("null")).count();
                    Set<String> suppressed = OverlapControl.decide(candidates, perGroup, K);
                    assertThat(suppressed).isEqualTo(OverlapControl.decide(candidates, reference, K));
                    suppressedSeen += suppressed.size();
                    // Remembered whole, suppressed groups too (as if answered under a smaller k): the counting does not
                    // care why a group was answered, and so more than 50 answers are remembered.
                }
                if (!candidates.isEmpty()) {
                    // Every third answer as remembered before V110, without its group-by columns.
                    remembered.add(new OverlapControl.Answer(c.where(), c.parameters(), c.groupKey(),
                            q % 3 == 0 ? null : c.groupColumns(), List.copyOf(candidates.keySet())));
                }
            }
            assertThat(remembered).as("more answers remembered than the default window").hasSizeGreaterThan(50);
            assertThat(overlapsSeen).as("the run's groups overlap remembered ones").isGreaterThan(500);
            assertThat(suppressedSeen).as("the run has differencing groups to suppress").isPositive();
        }
    }

    /** Grouped by up to two of the groupable columns, filtered by a value range, now and then by a region or score. */
    private static SandboxQuery query(Random random) {
        List<String> groupable = new ArrayList<>(List.of("region", "category", "code", "score", "open"));
        java.util.Collections.shuffle(groupable, random);
        List<String> groupBy = groupable.subList(0, random.nextInt(3));
        List<SandboxQuery.Selection> select = new ArrayList<>();
        groupBy.forEach(g -> select.add(new SandboxQuery.Selection(null, g, null)));
        select.add(new SandboxQuery.Selection(SandboxQuery.Aggregate.COUNT, null, null));
        List<SandboxQuery.Filter> filters = new ArrayList<>();
        int low = random.nextInt(600);
        filters.add(new SandboxQuery.Filter("value", SandboxQuery.Operator.GE, JsonNode.createNumberNode(low), null));
        filters.add(new SandboxQuery.Filter("value", SandboxQuery.Operator.LT,
                JsonNode.createNumberNode(low + 100 + random.nextInt(400)), null));
        switch (random.nextInt(4)) {
            case 0 -> filters.add(new SandboxQuery.Filter("region", SandboxQuery.Operator.IN, null,
                    List.of(JsonNode.createStringNode("CN-A"), JsonNode.createStringNode("CN-B"))));
            case 1 -> filters.add(new SandboxQuery.Filter("score", SandboxQuery.Operator.GE, JsonNode.createNumberNode(0), null));
            case 2 -> filters.add(new SandboxQuery.Filter("time", SandboxQuery.Operator.NE,
                    JsonNode.createStringNode("2026-01-02T00:00:00Z"), null));
            default -> { }
        }
        return new SandboxQuery(select, filters, List.copyOf(groupBy));
    }

    /** The former check, as the reference: every row keyed under the new and each remembered query in one statement. */
    private static List<Map<String, Map<String, Long>>> perRow(Connection connection, SandboxQuery.Compiled query,
                                                             Map<String, Long> candidates,
                                                             List<OverlapControl.Answer> remembered) throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE OR REPLACE TABLE reference_remembered (j INTEGER, h VARCHAR)");
            s.execute("CREATE OR REPLACE TABLE reference_candidate (g VARCHAR)");
        }
        var duckdb = connection.unwrap(org.duckdb.DuckDBConnection.class);
        try (var appender = duckdb.createAppender(org.duckdb.DuckDBConnection.DEFAULT_SCHEMA, "reference_remembered")) {
            for (int j = 0; j < remembered.size(); j++) {
                for (String h : remembered.get(j).keys()) {
                    appender.beginRow();
                    appender.append(j);
                    appender.append(h);
                    appender.endRow();
                }
            }
        }
        try (var appender = duckdb.createAppender(org.duckdb.DuckDBConnection.DEFAULT_SCHEMA, "reference_candidate")) {
            for (String g : candidates.keySet()) {
                appender.beginRow();
                appender.append(g);
                appender.endRow();
            }
        }
        StringBuilder base = new StringBuilder("SELECT CASE WHEN ").append(query.where()).append(" THEN ")
                .append(query.groupKey()).append(" END AS g");
        List<Object> parameters = new ArrayList<>(query.parameters());
        List<String> pairs = new ArrayList<>();
        for (int j = 0; j < remembered.size(); j++) {
            OverlapControl.Answer a = remembered.get(j);
            base.append(", CASE WHEN ").append(a.condition()).append(" THEN ").append(a.groupKey()).append(" END AS h").append(j);
            parameters.addAll(a.parameters());
            pairs.add("SELECT " + j + " AS j, h" + j + " AS h, g FROM base WHERE h" + j + " IS NOT NULL");
        }
        base.append(" FROM data");
        String sql = "WITH base AS MATERIALIZED (" + base + "), pairs AS (" + String.join(" UNION ALL ", pairs) + ")"
                + " SELECT p.j, p.h, c.g, COUNT(*) AS n FROM pairs p"
                + " JOIN reference_remembered r ON r.j = p.j AND r.h = p.h LEFT JOIN reference_candidate c ON c.g = p.g"
                + " GROUP BY p.j, p.h, c.g";
        List<Map<String, Map<String, Long>>> rows = new ArrayList<>();
        remembered.forEach(a -> rows.add(new HashMap<>()));
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            bind(p, parameters);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    rows.get(r.getInt(1)).computeIfAbsent(r.getString(2), h -> new HashMap<>())
                            .merge(String.valueOf(r.getString(3)), r.getLong(4), Long::sum);
                }
            }
        }
        return rows;
    }

    private static void bind(PreparedStatement p, List<Object> parameters) throws java.sql.SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            p.setObject(i + 1, parameters.get(i));
        }
    }

    private static void run(PreparedStatement p, OverlapControl.RowsReader reader) throws java.sql.SQLException {
        try (ResultSet r = p.executeQuery()) {
            reader.read(r);
        }
    }

    /** The file as DuckDB's table {@code data}, as the sandbox reads it, and its columns with the types DuckDB gave them. */
    private static List<SandboxQuery.Column> load(Connection connection, Path csv) throws SQLException {
        try (PreparedStatement load = connection.prepareStatement(
                "CREATE TABLE data AS SELECT * FROM read_csv(?, header = true, sample_size = -1)")) {
            load.setString(1, csv.toString());
            load.execute();
        }
        List<SandboxQuery.Column> columns = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("DESCRIBE data")) {
            while (r.next()) {
                columns.add(new SandboxQuery.Column(r.getString("column_name"), r.getString("column_type")));
            }
        }
        return columns;
    }
}

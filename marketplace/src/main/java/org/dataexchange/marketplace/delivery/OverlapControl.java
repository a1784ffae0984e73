package org.dataexchange.marketplace.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Query-set overlap control of the query sandbox: k-anonymity per group is not enough, because two answers whose groups
 * differ by one row disclose that row by their difference (COUNT or SUM over F, then over F and not x). A licence's
 * answered groups are remembered ({@link Answer}); a new query's group G that overlaps a remembered group H is
 * suppressed when G∖H or H∖G holds between 1 and k−1 rows. Because the sum of a query's answered groups is as good as
 * an answer over their union, each remembered query's union is compared too, and so is the union of the new query's
 * groups that are left (when that conflicts, all of them are suppressed). Disjoint and identical sets never conflict.
 *
 * <p>All pairs are counted by one engine query over the loaded file: per row the new query's candidate group and each
 * remembered query's group, then the rows per (remembered group, new group). What it does not catch: differences that
 * need three or more answers (a union of groups from several queries) and answers older than the remembered window.
 */
final class OverlapControl {

    private OverlapControl() {}

    /**
     * A remembered answered query: its row condition over {@code data} (SQL the service wrote) with its bound values,
     * its group key expression, and the keys of the groups it answered.
     */
    record Answer(String condition, List<Object> parameters, String groupKey, List<String> keys) {}

    /**
     * The keys of the new query's groups to suppress because they would differ from a remembered answer by fewer than
     * k rows. {@code candidates}: the groups it would answer (at least k rows), key → rows.
     */
    static Set<String> differencing(Connection connection, SandboxQuery.Compiled query, Map<String, Long> candidates,
                                    List<Answer> remembered, int k, StatementRunner runner) throws SQLException {
        if (candidates.isEmpty() || remembered.isEmpty()) {
            return Set.of();
        }
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE OR REPLACE TABLE remembered_group (j INTEGER, h VARCHAR)");
            s.execute("CREATE OR REPLACE TABLE candidate_group (g VARCHAR)");
        }
        try (var appender = connection.unwrap(org.duckdb.DuckDBConnection.class).createAppender(
                org.duckdb.DuckDBConnection.DEFAULT_SCHEMA, "remembered_group")) {
            for (int j = 0; j < remembered.size(); j++) {
                for (String h : remembered.get(j).keys()) {
                    appender.beginRow();
                    appender.append(j);
                    appender.append(h);
                    appender.endRow();
                }
            }
        }
        try (var appender = connection.unwrap(org.duckdb.DuckDBConnection.class).createAppender(
                org.duckdb.DuckDBConnection.DEFAULT_SCHEMA, "candidate_group")) {
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
            Answer a = remembered.get(j);
            base.append(", CASE WHEN ").append(a.condition()).append(" THEN ").append(a.groupKey()).append(" END AS h").append(j);
            parameters.addAll(a.parameters());
            pairs.add("SELECT " + j + " AS j, h" + j + " AS h, g FROM base WHERE h" + j + " IS NOT NULL");
        }
        base.append(" FROM data");
        String sql = "WITH base AS MATERIALIZED (" + base + "), pairs AS (" + String.join(" UNION ALL ", pairs) + ")"
                + " SELECT p.j, p.h, c.g, COUNT(*) AS n FROM pairs p"
                + " JOIN remembered_group r ON r.j = p.j AND r.h = p.h LEFT JOIN candidate_group c ON c.g = p.g"
                + " GROUP BY p.j, p.h, c.g";
        // rows[j][h][g]: rows in remembered group h of query j and new candidate group g (null: in no candidate)
        List<Map<String, Map<String, Long>>> rows = new ArrayList<>();
        remembered.forEach(a -> rows.add(new HashMap<>()));
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                p.setObject(i + 1, parameters.get(i));
            }
            runner.run(p, r -> {
                while (r.next()) {
                    rows.get(r.getInt(1)).computeIfAbsent(r.getString(2), h -> new HashMap<>())
                            .merge(String.valueOf(r.getString(3)), r.getLong(4), Long::sum);
                }
            });
        }
        return decide(candidates, rows, k);
    }

    /** Which candidates to suppress, from the overlap counts; see the class comment for the rule. */
    static Set<String> decide(Map<String, Long> candidates, List<Map<String, Map<String, Long>>> rows, int k) {
        Set<String> suppressed = new LinkedHashSet<>();
        // Sizes of each remembered group and union, and each candidate's overlap with each remembered union.
        List<Map<String, Long>> sizeOf = new ArrayList<>();
        List<Long> unionSize = new ArrayList<>();
        List<Map<String, Long>> withUnion = new ArrayList<>();
        for (Map<String, Map<String, Long>> query : rows) {
            Map<String, Long> sizes = new HashMap<>();
            Map<String, Long> overlap = new HashMap<>();
            long union = 0;
            for (var h : query.entrySet()) {
                long size = h.getValue().values().stream().mapToLong(Long::longValue).sum();
                sizes.put(h.getKey(), size);
                union += size;
                h.getValue().forEach((g, n) -> overlap.merge(g, n, Long::sum));
            }
            sizeOf.add(sizes);
            unionSize.add(union);
            withUnion.add(overlap);
        }
        for (var g : candidates.entrySet()) {
            for (int j = 0; j < rows.size() && !suppressed.contains(g.getKey()); j++) {
                for (var h : rows.get(j).entrySet()) {
                    if (differs(g.getValue(), sizeOf.get(j).get(h.getKey()), h.getValue().getOrDefault(g.getKey(), 0L), k)) {
                        suppressed.add(g.getKey());
                        break;
                    }
                }
                if (differs(g.getValue(), unionSize.get(j), withUnion.get(j).getOrDefault(g.getKey(), 0L), k)) {
                    suppressed.add(g.getKey());
                }
            }
        }
        // The union of the groups left: what adding their answers up discloses.
        Map<String, Long> left = new LinkedHashMap<>(candidates);
        left.keySet().removeAll(suppressed);
        if (left.size() > 1) {
            long union = left.values().stream().mapToLong(Long::longValue).sum();
            boolean conflict = false;
            for (int j = 0; j < rows.size() && !conflict; j++) {
                for (var h : rows.get(j).entrySet()) {
                    long both = left.keySet().stream().mapToLong(g -> h.getValue().getOrDefault(g, 0L)).sum();
                    conflict |= differs(union, sizeOf.get(j).get(h.getKey()), both, k);
                }
                Map<String, Long> overlap = withUnion.get(j);
                long both = left.keySet().stream().mapToLong(g -> overlap.getOrDefault(g, 0L)).sum();
                conflict |= differs(union, unionSize.get(j), both, k);
            }
            if (conflict) {
                suppressed.addAll(left.keySet());
            }
        }
        return suppressed;
    }

    /** Two overlapping row sets of sizes a and b with {@code both} rows in common differ by 1 to k−1 rows on a side. */
    static boolean differs(long a, long b, long both, int k) {
        return both > 0 && (small(a - both, k) || small(b - both, k));
    }

    private static boolean small(long rows, int k) {
        return rows > 0 && rows < k;
    }

    /** Runs a statement under the engine's time limit and hands its rows over. */
    interface StatementRunner {
        void run(PreparedStatement statement, RowsReader reader) throws SQLException;
    }

    interface RowsReader {
        void read(ResultSet rows) throws SQLException;
    }
}

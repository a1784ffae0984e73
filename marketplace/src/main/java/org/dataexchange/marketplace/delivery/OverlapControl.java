package org.dataexchange.marketplace.delivery;

import io.micronaut.core.annotation.Nullable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
 * <p>All pairs are counted by one engine query and one pass over the loaded file ({@link #overlaps}): the rows per
 * (remembered group, new group). What it does not catch: differences that
 * need three or more answers (a union of groups from several queries) and answers older than the remembered window.
 */
final class OverlapControl {

    private OverlapControl() {}

    /**
     * A remembered answered query: its row condition over {@code data} (SQL the service wrote) with its bound values,
     * its group key expression, the columns it grouped by ({@code null}: remembered before they were, see
     * {@link #overlaps}) and the keys of the groups it answered.
     */
    record Answer(String condition, List<Object> parameters, String groupKey, @Nullable List<String> groupColumns,
                  List<String> keys) {}

    /**
     * The keys of the new query's groups to suppress because they would differ from a remembered answer by fewer than
     * k rows. {@code candidates}: the groups it would answer (at least k rows), key → rows.
     */
    static Set<String> differencing(Connection connection, SandboxQuery.Compiled query, Map<String, Long> candidates,
                                    List<Answer> remembered, int k, StatementRunner runner) throws SQLException {
        if (candidates.isEmpty() || remembered.isEmpty()) {
            return Set.of();
        }
        return decide(candidates, overlaps(connection, query, candidates, remembered, runner), k);
    }

    /**
     * Counts the rows of each remembered answered group h of query j by the new query's candidate group g they fall in:
     * rows[j][h][g], g {@code "null"} for rows in no candidate group; remembered groups with no row in the file now are
     * absent.
     *
     * <p>One pass over the file, whatever the number of remembered queries. A row belongs to a group by its key, a
     * function of the text of its group-by values (see {@link SandboxQuery#groupKey}). So the file's rows are first
     * grouped into cells, once: rows whose values read the same text in every column any of the queries groups by, and
     * for which the new query's condition holds alike. Within a cell every query's group key is the same, so the one pass
     * counts per cell the rows each remembered query's condition holds for ({@code COUNT(*) FILTER}, one count per
     * remembered query), and keys each cell once per set of group-by columns among the queries (and for the new query).
     * The cells' counts are then added up here by (remembered query, its answered group, new candidate group): one
     * statement and one pass, not one per remembered query. The counts are exactly those of keying every row (rows of
     * one cell have equal keys under every query; keys equal by an MD5 collision are added up, as the former join on
     * the key did). Cells are grouped by text, never by value, so -0.0 and 0.0 stay apart as their keys do. An answer
     * remembered before its group-by columns were is keyed row by row, as before, in the same pass.
     */
    static List<Map<String, Map<String, Long>>> overlaps(Connection connection, SandboxQuery.Compiled query,
                                                        Map<String, Long> candidates, List<Answer> remembered,
                                                        StatementRunner runner) throws SQLException {
        // Every column any of the queries groups by: a cell is one text of each.
        Set<String> columns = new LinkedHashSet<>(query.groupColumns());
        for (Answer a : remembered) {
            if (a.groupColumns() != null) {
                columns.addAll(a.groupColumns());
            }
        }
        // Names of the counting's own outputs, none of them a grouped column's (the engine's names ignore case).
        Set<String> taken = new HashSet<>();
        columns.forEach(c -> taken.add(c.toLowerCase(Locale.ROOT)));
        String inNew = freshName("in_new_query", taken);
        List<String> counted = new ArrayList<>();
        List<String> keyedPerRow = new ArrayList<>();
        for (int j = 0; j < remembered.size(); j++) {
            counted.add(freshName("rows_of_" + j, taken));
            keyedPerRow.add(remembered.get(j).groupColumns() == null ? freshName("key_of_" + j, taken) : null);
        }
        List<Object> parameters = new ArrayList<>();
        List<String> cell = new ArrayList<>();
        for (String c : columns) {
            cell.add("CAST(" + SandboxQuery.quote(c) + " AS VARCHAR) AS " + SandboxQuery.quote(c));
        }
        for (int j = 0; j < remembered.size(); j++) {
            if (keyedPerRow.get(j) != null) {
                cell.add(remembered.get(j).groupKey() + " AS " + keyedPerRow.get(j));
            }
        }
        cell.add("(" + query.where() + ") IS TRUE AS " + inNew);
        parameters.addAll(query.parameters());
        for (int j = 0; j < remembered.size(); j++) {
            cell.add("COUNT(*) FILTER (WHERE " + remembered.get(j).condition() + ") AS " + counted.get(j));
            parameters.addAll(remembered.get(j).parameters());
        }
        // Per cell, each remembered query's key (one per set of group-by columns, or the one keyed row by row) and the
        // new query's: the key of every row of the cell under that query.
        String newKey = freshName("new_key", taken);
        Map<String, String> keyNames = new LinkedHashMap<>();
        List<String> keyOf = new ArrayList<>();
        for (int j = 0; j < remembered.size(); j++) {
            Answer a = remembered.get(j);
            String expression = a.groupColumns() == null ? keyedPerRow.get(j) : a.groupKey();
            keyOf.add(keyNames.computeIfAbsent(expression, e -> freshName("key_" + keyNames.size(), taken)));
        }
        List<String> keyed = new ArrayList<>();
        keyed.add("CASE WHEN " + inNew + " THEN " + query.groupKey() + " END AS " + newKey);
        keyNames.forEach((expression, name) -> keyed.add(expression + " AS " + name));
        keyed.addAll(counted);
        // rows[j][h][g]: rows in remembered group h of query j and new candidate group g (null: in no candidate). Added
        // up here from the cells (few, against the file's rows), for the groups each query answered.
        List<Map<String, Map<String, Long>>> rows = new ArrayList<>();
        List<Set<String>> answeredGroups = new ArrayList<>();
        for (Answer a : remembered) {
            rows.add(new HashMap<>());
            answeredGroups.add(new HashSet<>(a.keys()));
        }
        List<String> keyNamesInOrder = new ArrayList<>(keyNames.values());
        int[] keyIndex = new int[remembered.size()];
        for (int j = 0; j < keyIndex.length; j++) {
            keyIndex[j] = keyNamesInOrder.indexOf(keyOf.get(j));
        }
        try (PreparedStatement p = connection.prepareStatement("SELECT " + String.join(", ", keyed) + " FROM (SELECT "
                + String.join(", ", cell) + " FROM data GROUP BY ALL)")) {
            for (int i = 0; i < parameters.size(); i++) {
                p.setObject(i + 1, parameters.get(i));
            }
            runner.run(p, r -> {
                String[] keys = new String[keyNamesInOrder.size()];
                while (r.next()) {
                    String g = r.getString(1);
                    String candidate = g != null && candidates.containsKey(g) ? g : "null";
                    for (int i = 0; i < keys.length; i++) {
                        keys[i] = r.getString(2 + i);
                    }
                    for (int j = 0; j < remembered.size(); j++) {
                        long n = r.getLong(2 + keys.length + j);
                        String h = keys[keyIndex[j]];
                        if (n > 0 && answeredGroups.get(j).contains(h)) {
                            rows.get(j).computeIfAbsent(h, x -> new HashMap<>()).merge(candidate, n, Long::sum);
                        }
                    }
                }
            });
        }
        return rows;
    }

    private static String freshName(String name, Set<String> taken) {
        String fresh = name;
        while (taken.contains(fresh)) {
            fresh = fresh + "_";
        }
        taken.add(fresh);
        return fresh;
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

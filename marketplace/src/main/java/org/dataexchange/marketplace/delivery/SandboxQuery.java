package org.dataexchange.marketplace.delivery;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.marketplace.problem.ProblemType;

/**
 * An aggregate query of the query sandbox, as a buyer sends it: aggregates to compute, typed filters and the columns to
 * group by. It is a structure, never SQL text: {@link #compile} checks every column against the columns of the
 * product's file and every value against its column's type, and writes the SQL itself, with column names quoted from
 * that allow-list and every value a bound parameter. Anything that would answer rows rather than aggregates is refused.
 */
@Serdeable
public record SandboxQuery(@Nullable List<Selection> select, @Nullable List<Filter> filters, @Nullable List<String> groupBy) {

    public static final int MAX_SELECT = 10;
    public static final int MAX_FILTERS = 10;
    public static final int MAX_GROUP_BY = 3;
    public static final int MAX_IN_VALUES = 50;
    public static final int MAX_TEXT_VALUE = 200;

    /** What a column of a selection is turned into. */
    public enum Aggregate { COUNT, SUM, AVG, MIN, MAX, PERCENTILE }

    /** How a filter compares its column with its value(s). */
    public enum Operator { EQ, NE, LT, LE, GT, GE, IN }

    /**
     * One output of the query: an aggregate of a column ({@code COUNT} may omit it: rows), or, with no aggregate, a
     * column the query groups by. {@code percent} (1-99) goes with {@code PERCENTILE} only. {@code MIN} and {@code MAX}
     * answer the k-th lowest and highest value of the group, a percentile only with k values on each side of it.
     */
    @Serdeable
    public record Selection(@Nullable Aggregate aggregate, @Nullable String column, @Nullable Integer percent) {}

    /** A condition on a column; {@code IN} takes {@code values}, the other operators {@code value}. */
    @Serdeable
    public record Filter(@Nullable String column, @Nullable Operator operator, @Nullable JsonNode value,
                         @Nullable List<JsonNode> values) {}

    /** How the engine types a column of the file, as far as queries care. */
    enum ColumnKind { NUMBER, TEXT, TIMESTAMP, DATE, BOOLEAN, OTHER }

    /** A column of the product's file as the engine read it. */
    @Serdeable
    public record Column(String name, String type) {

        ColumnKind kind() {
            String t = type.toUpperCase(Locale.ROOT);
            if (t.matches("(U?(BIG|SMALL|TINY|HUGE)?INT(EGER)?|DOUBLE|FLOAT|REAL|DECIMAL.*|NUMERIC.*)")) {
                return ColumnKind.NUMBER;
            }
            if (t.startsWith("VARCHAR")) {
                return ColumnKind.TEXT;
            }
            if (t.startsWith("TIMESTAMP")) {
                return ColumnKind.TIMESTAMP;
            }
            if (t.equals("DATE")) {
                return ColumnKind.DATE;
            }
            if (t.equals("BOOLEAN")) {
                return ColumnKind.BOOLEAN;
            }
            return ColumnKind.OTHER;
        }
    }

    /**
     * The query as the engine runs it: SQL over the table {@code data} whose last two outputs are hidden, the group's key
     * as text ({@code group_key}, see {@link #groupKey}) and its size ({@code n_rows}); its parameters in order (all of
     * them the filter's), the names of the visible outputs, the canonical text hashed into the query log, and the
     * query's row set for overlap control: its condition ({@code where}, SQL over {@code data} with the same
     * parameters), its group key expression and the columns that expression reads. A group of the answer is the rows
     * where {@code where} holds and {@code groupKey} equals the group's key.
     */
    record Compiled(String sql, List<Object> parameters, List<String> outputs, String canonical, String where,
                    String groupKey, List<String> groupColumns) {}

    /**
     * Checks the query against the file's columns and writes its SQL; refuses what it may not ask, saying why. No
     * aggregate discloses one record's value: MIN and MAX answer the k-th lowest and highest value, a percentile is
     * answered only when at least k values lie on each side of it, and SUM and AVG only over at least k values.
     */
    Compiled compile(List<Column> columns, int maxGroups, int k) {
        Map<String, Column> byName = new java.util.LinkedHashMap<>();
        columns.forEach(c -> byName.put(c.name(), c));
        List<Selection> selections = select == null ? List.of() : select;
        List<Filter> conditions = filters == null ? List.of() : filters;
        List<String> groups = groupBy == null ? List.of() : groupBy;
        if (selections.isEmpty()) {
            throw rowLevel("select", "a query names at least one aggregate (COUNT, SUM, AVG, MIN, MAX, PERCENTILE); the sandbox"
                    + " answers aggregates only, never rows");
        }
        if (selections.size() > MAX_SELECT) {
            throw ApiProblem.invalidField("select", "at most " + MAX_SELECT + " outputs per query");
        }
        if (conditions.size() > MAX_FILTERS) {
            throw ApiProblem.invalidField("filters", "at most " + MAX_FILTERS + " filters per query");
        }
        if (groups.size() > MAX_GROUP_BY) {
            throw ApiProblem.invalidField("groupBy", "at most " + MAX_GROUP_BY + " group-by columns per query");
        }
        Set<String> groupColumns = new LinkedHashSet<>();
        for (int i = 0; i < groups.size(); i++) {
            String name = groups.get(i);
            if ("*".equals(name)) {
                throw rowLevel("groupBy[" + i + "]", "group by named columns; '*' would answer rows");
            }
            known(byName, name, "groupBy[" + i + "]");
            if (!groupColumns.add(name)) {
                throw ApiProblem.invalidField("groupBy[" + i + "]", "column " + name + " is grouped by twice");
            }
        }
        if (groupColumns.size() == columns.size()) {
            throw rowLevel("groupBy", "grouping by every column of the file would answer its rows");
        }
        List<String> outputs = new ArrayList<>();
        List<String> expressions = new ArrayList<>();
        boolean anyAggregate = false;
        for (int i = 0; i < selections.size(); i++) {
            Selection s = selections.get(i);
            String field = "select[" + i + "]";
            if (s == null) {
                throw ApiProblem.invalidField(field, "an output is an object with an aggregate and a column");
            }
            if ("*".equals(s.column()) && s.aggregate() != Aggregate.COUNT) {
                throw rowLevel(field + ".column", "'*' selects rows; the sandbox answers aggregates only (COUNT counts rows)");
            }
            if (s.aggregate() == null) {
                if (s.column() == null || !groupColumns.contains(s.column())) {
                    throw rowLevel(field, "a column without an aggregate is answered only when the query groups by it;"
                            + " the sandbox never answers row values");
                }
                expressions.add(quote(s.column()));
                outputs.add(s.column());
                continue;
            }
            anyAggregate = true;
            if (s.percent() != null && s.aggregate() != Aggregate.PERCENTILE) {
                throw ApiProblem.invalidField(field + ".percent", "percent goes with PERCENTILE only");
            }
            if (s.aggregate() == Aggregate.COUNT && (s.column() == null || "*".equals(s.column()))) {
                expressions.add("COUNT(*)");
                outputs.add("COUNT(*)");
                continue;
            }
            Column column = known(byName, s.column(), field + ".column");
            switch (s.aggregate()) {
                case COUNT -> expressions.add("COUNT(" + quote(column.name()) + ")");
                // k and percent are literals from checked integers, never from the request's text.
                case SUM, AVG -> {
                    requireKind(column, field + ".column", s.aggregate() + " needs a numeric column", ColumnKind.NUMBER);
                    // Over fewer than k values (the others empty) a sum would describe those few records.
                    expressions.add("CASE WHEN COUNT(" + quote(column.name()) + ") >= " + k + " THEN " + s.aggregate() + "("
                            + quote(column.name()) + ") END");
                }
                case MIN, MAX -> {
                    requireKind(column, field + ".column", s.aggregate() + " needs a numeric, time or date column",
                            ColumnKind.NUMBER, ColumnKind.TIMESTAMP, ColumnKind.DATE);
                    // The true minimum is one record's exact value; the k-th lowest is shared with k-1 records at or
                    // below it. min(x, k) is the k lowest values in ascending order (max: highest, descending); [k] is
                    // null when the group has fewer than k values.
                    expressions.add(s.aggregate().name().toLowerCase(Locale.ROOT) + "(" + quote(column.name()) + ", " + k + ")[" + k + "]");
                }
                case PERCENTILE -> {
                    requireKind(column, field + ".column", "PERCENTILE needs a numeric column", ColumnKind.NUMBER);
                    if (s.percent() == null || s.percent() < 1 || s.percent() > 99) {
                        throw ApiProblem.invalidField(field + ".percent", "PERCENTILE needs percent, an integer from 1 to 99");
                    }
                    // Answered only with at least k values on each side (p·n >= k and (1-p)·n >= k, in whole numbers):
                    // an extreme percentile of a large group is as telling as its minimum or maximum.
                    String n = "COUNT(" + quote(column.name()) + ")";
                    expressions.add("CASE WHEN " + n + " * " + s.percent() + " >= " + (100L * k) + " AND " + n + " * "
                            + (100 - s.percent()) + " >= " + (100L * k) + " THEN quantile_cont(" + quote(column.name()) + ", "
                            + BigDecimal.valueOf(s.percent(), 2).toPlainString() + ") END");
                }
                default -> throw new IllegalStateException();
            }
            outputs.add(switch (s.aggregate()) {
                case PERCENTILE -> "PERCENTILE(" + column.name() + ", " + s.percent() + "%)";
                case MIN -> "MIN(" + column.name() + ", " + ordinal(k) + " lowest)";
                case MAX -> "MAX(" + column.name() + ", " + ordinal(k) + " highest)";
                default -> s.aggregate() + "(" + column.name() + ")";
            });
        }
        if (!anyAggregate) {
            throw rowLevel("select", "a query names at least one aggregate; group-by columns alone would list their values"
                    + " without group sizes");
        }
        List<Object> parameters = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            where.add(condition(conditions.get(i), "filters[" + i + "]", byName, parameters));
        }
        String key = groupKey(List.copyOf(groupColumns));
        StringBuilder sql = new StringBuilder("SELECT ");
        sql.append(String.join(", ", expressions)).append(", ").append(key).append(" AS group_key, COUNT(*) AS n_rows FROM data");
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        if (!groupColumns.isEmpty()) {
            String g = String.join(", ", groupColumns.stream().map(SandboxQuery::quote).toList());
            sql.append(" GROUP BY ").append(g).append(" ORDER BY ").append(g);
        }
        sql.append(" LIMIT ").append(maxGroups + 1);
        String canonical = sql + " -- " + parameters.stream().map(p -> p.getClass().getSimpleName() + ":" + p).toList();
        return new Compiled(sql.toString(), List.copyOf(parameters), List.copyOf(outputs), canonical,
                where.isEmpty() ? "TRUE" : String.join(" AND ", where), key, List.copyOf(groupColumns));
    }

    /**
     * A row's group as one short text: the MD5 of, per group-by column, its text's length, a colon and the text
     * ({@code ~} for an empty value), joined by {@code |} (unambiguous before hashing, and short to remember). The answer carries it for each group, and overlap control finds the
     * same group's rows by it again. It reads each value only as text ({@code CAST(... AS VARCHAR)}, the identity on
     * text): overlap control relies on that to compute it once per group of equal texts instead of once per row.
     */
    static String groupKey(List<String> groupColumns) {
        if (groupColumns.isEmpty()) {
            return "''";
        }
        return "md5(" + String.join(" || '|' || ", groupColumns.stream().map(c -> "coalesce(CAST(length(CAST(" + quote(c)
                + " AS VARCHAR)) AS VARCHAR) || ':' || CAST(" + quote(c) + " AS VARCHAR), '~')").toList()) + ")";
    }

    static String ordinal(int n) {
        int tens = n % 100;
        String suffix = tens >= 11 && tens <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }

    private static String condition(Filter f, String field, Map<String, Column> byName, List<Object> parameters) {
        if (f == null || f.operator() == null) {
            throw ApiProblem.invalidField(field + ".operator", "a filter names a column, an operator (" + List.of(Operator.values())
                    + ") and a value");
        }
        Column column = known(byName, f.column(), field + ".column");
        ColumnKind kind = column.kind();
        if (kind == ColumnKind.OTHER) {
            throw ApiProblem.invalidField(field + ".column", "column " + column.name() + " (" + column.type() + ") cannot be filtered");
        }
        if (kind == ColumnKind.BOOLEAN && f.operator() != Operator.EQ && f.operator() != Operator.NE) {
            throw ApiProblem.invalidField(field + ".operator", "a true/false column is compared with EQ or NE only");
        }
        if (f.operator() == Operator.IN) {
            if (f.value() != null || f.values() == null || f.values().isEmpty() || f.values().size() > MAX_IN_VALUES) {
                throw ApiProblem.invalidField(field + ".values", "IN takes values, a list of 1 to " + MAX_IN_VALUES + " values");
            }
            List<String> marks = new ArrayList<>();
            for (int i = 0; i < f.values().size(); i++) {
                parameters.add(value(f.values().get(i), column, field + ".values[" + i + "]"));
                marks.add(placeholder(kind));
            }
            return quote(column.name()) + " IN (" + String.join(", ", marks) + ")";
        }
        if (f.values() != null || f.value() == null) {
            throw ApiProblem.invalidField(field + ".value", f.operator() + " takes value, one value");
        }
        parameters.add(value(f.value(), column, field + ".value"));
        String op = switch (f.operator()) {
            case EQ -> "=";
            case NE -> "<>";
            case LT -> "<";
            case LE -> "<=";
            case GT -> ">";
            case GE -> ">=";
            case IN -> throw new IllegalStateException();
        };
        return quote(column.name()) + " " + op + " " + placeholder(kind);
    }

    /** Time and date values are bound as text and cast by the engine, after they were parsed here. */
    private static String placeholder(ColumnKind kind) {
        return switch (kind) {
            case TIMESTAMP -> "CAST(? AS TIMESTAMPTZ)";
            case DATE -> "CAST(? AS DATE)";
            default -> "?";
        };
    }

    /** A filter value of the column's type: a JSON number, string, time, date or true/false. */
    private static Object value(JsonNode node, Column column, String field) {
        if (node == null || node.isNull()) {
            throw ApiProblem.invalidField(field, "a value is required");
        }
        switch (column.kind()) {
            case NUMBER -> {
                if (!node.isNumber()) {
                    throw ApiProblem.invalidField(field, "column " + column.name() + " is numeric: the value is a JSON number");
                }
                Number n = node.getNumberValue();
                if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
                    return n.longValue();
                }
                return new BigDecimal(n.toString());
            }
            case TEXT -> {
                if (!node.isString()) {
                    throw ApiProblem.invalidField(field, "column " + column.name() + " is text: the value is a JSON string");
                }
                String s = node.getStringValue();
                if (s.length() > MAX_TEXT_VALUE) {
                    throw ApiProblem.invalidField(field, "a text value has at most " + MAX_TEXT_VALUE + " characters");
                }
                return s;
            }
            case TIMESTAMP -> {
                try {
                    return Instant.parse(node.isString() ? node.getStringValue() : "").toString();
                } catch (DateTimeParseException e) {
                    throw ApiProblem.invalidField(field, "column " + column.name() + " is a time: the value is an ISO-8601"
                            + " instant such as 2026-10-01T00:00:00Z");
                }
            }
            case DATE -> {
                try {
                    return LocalDate.parse(node.isString() ? node.getStringValue() : "").toString();
                } catch (DateTimeParseException e) {
                    throw ApiProblem.invalidField(field, "column " + column.name() + " is a date: the value is such as 2026-10-01");
                }
            }
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw ApiProblem.invalidField(field, "column " + column.name() + " is true/false: the value is true or false");
                }
                return node.getBooleanValue();
            }
            default -> throw ApiProblem.invalidField(field, "column " + column.name() + " cannot be filtered");
        }
    }

    private static Column known(Map<String, Column> byName, String name, String field) {
        Column c = name == null ? null : byName.get(name);
        if (c == null) {
            throw ApiProblem.invalidField(field, (name == null ? "a column is required" : "no column '"
                    + (name.length() > 100 ? name.substring(0, 100) + "…" : name) + "' in this product's data")
                    + "; its columns are " + byName.keySet());
        }
        return c;
    }

    private static void requireKind(Column c, String field, String detail, ColumnKind... kinds) {
        if (!List.of(kinds).contains(c.kind())) {
            throw ApiProblem.invalidField(field, detail + "; " + c.name() + " is " + c.type());
        }
    }

    /** A column name from the file's own columns, as an SQL identifier (quotes doubled, as SQL escapes them). */
    static String quote(String column) {
        return "\"" + column.replace("\"", "\"\"") + "\"";
    }

    private static ApiProblem rowLevel(String field, String detail) {
        return ApiProblem.of(ProblemType.SANDBOX_ROW_LEVEL_REFUSED, "Row-level output refused", field + ": " + detail);
    }
}

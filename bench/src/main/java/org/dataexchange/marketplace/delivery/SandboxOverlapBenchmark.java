package org.dataexchange.marketplace.delivery;

import io.micronaut.json.tree.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The cost of the query sandbox's overlap control: a file of 100,000 rows, a licence that remembers 50 answered queries
 * (grouped and filtered in different ways), and a new grouped query run through the sandbox's own engine with and
 * without that history. Prints the medians of the whole query (load, query, check) and of the overlap check alone. It
 * lives in the engine's package because the engine is not public surface.
 *
 * <pre>java -cp bench/target/bench.jar org.dataexchange.marketplace.delivery.SandboxOverlapBenchmark [--rows 100000] [--remembered 50] [--runs 7]</pre>
 */
public final class SandboxOverlapBenchmark {

    private SandboxOverlapBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = 100_000;
        int remembered = 50;
        int runs = 7;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--remembered" -> remembered = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        int k = 10;
        Path csv = Files.createTempFile("sandbox-bench", ".csv");
        try {
            Random random = new Random(17);
            StringBuilder text = new StringBuilder("time,region,category,value\n");
            for (int i = 0; i < rows; i++) {
                text.append(java.time.Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * i)).append(",CN-")
                        .append((char) ('A' + random.nextInt(12))).append(",c").append(random.nextInt(40)).append(',')
                        .append(random.nextInt(100_000)).append('\n');
            }
            Files.writeString(csv, text);
            // The same limits as the service's defaults, except a longer time limit: this measures, it does not refuse.
            SandboxEngine engine = new SandboxEngine(new SandboxSettings(Duration.ofSeconds(60), 256, 1000, 1, remembered));
            List<OverlapControl.Answer> history = new ArrayList<>();
            for (int q = 0; q < remembered; q++) {
                SandboxQuery query = query(q, random);
                AtomicReference<SandboxQuery.Compiled> compiled = new AtomicReference<>();
                SandboxEngine.Groups groups;
                try (SandboxEngine.Admission admitted = engine.admit()) {
                    groups = engine.run(admitted, csv, query, k, List.of(), compiled::set);
                }
                List<String> keys = groups.rows().stream().filter(r -> ((Number) r.get(r.size() - 1)).longValue() >= k)
                        .map(r -> (String) r.get(r.size() - 2)).toList();
                history.add(new OverlapControl.Answer(compiled.get().where(), compiled.get().parameters(),
                        compiled.get().groupKey(), compiled.get().groupColumns(), keys));
            }
            int groupsRemembered = history.stream().mapToInt(a -> a.keys().size()).sum();
            SandboxQuery probe = query(remembered + 1, random);
            List<Long> without = new ArrayList<>();
            List<Long> with = new ArrayList<>();
            List<Long> check = new ArrayList<>();
            int suppressed = 0;
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                try (SandboxEngine.Admission admitted = engine.admit()) {
                    engine.run(admitted, csv, probe, k, List.of(), c -> {});
                }
                without.add((System.nanoTime() - t0) / 1_000_000);
                t0 = System.nanoTime();
                SandboxEngine.Groups g;
                try (SandboxEngine.Admission admitted = engine.admit()) {
                    g = engine.run(admitted, csv, probe, k, history, c -> {});
                }
                with.add((System.nanoTime() - t0) / 1_000_000);
                check.add(g.overlapMillis());
                suppressed = g.differencing().size();
            }
            System.out.printf("file: %,d rows; remembered: %d queries, %,d groups; k = %d; %d runs%n", rows, remembered,
                    groupsRemembered, k, runs);
            System.out.printf("query without history (load + query): median %d ms%n", median(without));
            System.out.printf("query with history (load + query + overlap check): median %d ms%n", median(with));
            System.out.printf("overlap check alone: median %d ms, max %d ms (one engine query); groups suppressed: %d%n",
                    median(check), check.stream().mapToLong(Long::longValue).max().orElse(0), suppressed);
            engine.stop();
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    /** Grouped by region, category or both, filtered by a value range and now and then a set of regions. */
    private static SandboxQuery query(int q, Random random) {
        List<String> groupBy = switch (q % 3) {
            case 0 -> List.of("region");
            case 1 -> List.of("category");
            default -> List.of("region", "category");
        };
        List<SandboxQuery.Selection> select = new ArrayList<>();
        groupBy.forEach(g -> select.add(new SandboxQuery.Selection(null, g, null)));
        select.add(new SandboxQuery.Selection(SandboxQuery.Aggregate.COUNT, null, null));
        select.add(new SandboxQuery.Selection(SandboxQuery.Aggregate.SUM, "value", null));
        int low = random.nextInt(50_000);
        List<SandboxQuery.Filter> filters = new ArrayList<>();
        filters.add(new SandboxQuery.Filter("value", SandboxQuery.Operator.GE, JsonNode.createNumberNode(low), null));
        filters.add(new SandboxQuery.Filter("value", SandboxQuery.Operator.LT, JsonNode.createNumberNode(low + 50_000), null));
        if (q % 4 == 0) {
            filters.add(new SandboxQuery.Filter("region", SandboxQuery.Operator.IN, null,
                    List.of(JsonNode.createStringNode("CN-A"), JsonNode.createStringNode("CN-B"), JsonNode.createStringNode("CN-C"))));
        }
        return new SandboxQuery(select, filters, groupBy);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}

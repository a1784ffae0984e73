package org.dataexchange.marketplace.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where a browser class's time goes, for `-Dstore.cost=true` (off otherwise: then {@link #measure} only runs the step):
 * wall time and CPU time per kind of step, CPU counted in this JVM (the test, the exchange and its devnet) and in the
 * Chromium processes it drives (read from /proc). Two engineers' builds share the cores, so CPU seconds compare runs
 * better than wall clocks. A step inside another (a sign-in's page load) counts for the outer one only. The table is
 * printed when the class releases its browser and appended to target/browser-cost.txt.
 */
final class BrowserCost {

    static final boolean ON = Boolean.getBoolean("store.cost");
    private static final long TICK_NANOS = 10_000_000L; // /proc/<pid>/stat counts in USER_HZ = 100 on Linux

    enum Step { PAGE_LOAD, SIGN_IN, AXE, SCREENSHOT, WAIT }

    private final String owner;
    private final Map<Step, long[]> totals = new EnumMap<>(Step.class); // wall, jvm cpu, chromium cpu (nanos), count
    private final Map<Long, Long> chromiumSeen = new HashMap<>();
    private final Map<Long, String> kinds = new HashMap<>();
    private Map<String, Long> startByKind = Map.of();
    private final long[] start;
    private int depth;

    BrowserCost(String owner) {
        this.owner = owner;
        this.start = ON ? now() : null;
        if (ON) {
            startByKind = byKind();
        }
    }

    <T> T measure(Step step, Supplier<T> action) {
        if (!ON || depth > 0) {
            return action.get();
        }
        depth++;
        long[] before = now();
        try {
            return action.get();
        } finally {
            long[] after = now();
            long[] t = totals.computeIfAbsent(step, s -> new long[4]);
            for (int i = 0; i < 3; i++) {
                t[i] += after[i] - before[i];
            }
            t[3]++;
            depth--;
        }
    }

    void measure(Step step, Runnable action) {
        measure(step, () -> {
            action.run();
            return null;
        });
    }

    /** The table: one row per kind of step (WAIT: waiting for what the page shows), the rest of the class (clicks, typing, API set-up) as REST. */
    void report() {
        if (!ON) {
            return;
        }
        long[] end = now();
        long[] rest = {end[0] - start[0], end[1] - start[1], end[2] - start[2], 0};
        StringBuilder out = new StringBuilder(String.format("%n%s (browser open to close)%n%-11s %5s %8s %8s %8s%n", owner,
                "step", "count", "wall s", "jvm cpu", "chr cpu"));
        for (Map.Entry<Step, long[]> e : totals.entrySet()) {
            long[] t = e.getValue();
            out.append(row(e.getKey().name(), t));
            for (int i = 0; i < 3; i++) {
                rest[i] -= t[i];
            }
        }
        out.append(row("REST", rest));
        out.append(row("TOTAL", new long[] {end[0] - start[0], end[1] - start[1], end[2] - start[2], 0}));
        out.append("chromium cpu by process:");
        byKind().forEach((kind, ticks) -> out.append(String.format(" %s %.1f", kind,
                (ticks - startByKind.getOrDefault(kind, 0L)) * TICK_NANOS / 1e9)));
        out.append(System.lineSeparator());
        System.out.print(out);
        try {
            Files.writeString(Path.of("target/browser-cost.txt"), out, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("browser cost not written: " + e);
        }
    }

    private static String row(String name, long[] t) {
        return String.format("%-11s %5d %8.1f %8.1f %8.1f%n", name, t[3], t[0] / 1e9, t[1] / 1e9, t[2] / 1e9);
    }

    private long[] now() {
        long wall = System.nanoTime();
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        return new long[] {wall, jvm, chromiumCpu()};
    }

    private Map<String, Long> byKind() {
        chromiumCpu();
        Map<String, Long> sums = new java.util.TreeMap<>();
        chromiumSeen.forEach((pid, ticks) -> sums.merge(kinds.getOrDefault(pid, "?"), ticks, Long::sum));
        return sums;
    }

    private static String kind(long pid, String stat) {
        if (stat.contains("(chromedriver")) {
            return "chromedriver";
        }
        try {
            String cmd = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("--type=(\\S+)").matcher(cmd);
            if (!m.find()) {
                return "browser";
            }
            java.util.regex.Matcher u = java.util.regex.Pattern.compile("--utility-sub-type=(\\S+)").matcher(cmd);
            return m.group(1) + (u.find() ? "(" + u.group(1).replaceAll(".*\\.", "") + ")" : "");
        } catch (IOException e) {
            return "?";
        }
    }

    /** CPU of every Chromium process this JVM started, those that exited counted as last seen. */
    private long chromiumCpu() {
        ProcessHandle.current().descendants().forEach(p -> {
            try {
                String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // after the command: state(0) ppid(1) ... utime(11) stime(12)
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                if (stat.contains("(chrom")) { // chromium, chromium's helpers and chromedriver
                    chromiumSeen.put(p.pid(), ticks);
                    kinds.computeIfAbsent(p.pid(), pid -> kind(pid, stat));
                }
            } catch (IOException | RuntimeException e) {
                // exited meanwhile: its last reading stays
            }
        });
        long sum = 0;
        for (long ticks : chromiumSeen.values()) {
            sum += ticks;
        }
        return sum * TICK_NANOS;
    }
}

package org.dataexchange.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.dataexchange.marketplace.Application;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web store's weight and speed: the JavaScript and CSS the first screen needs (gzip), and, in headless
 * Chromium over loopback against the exchange with its demo data, the time to show the catalogue (navigation start
 * to the first results on screen) and to open a product sheet (click to the sheet on screen). The store marks both
 * moments with the Performance API ({@code catalogue-shown}, {@code product-sheet-shown}).
 */
public final class StoreBenchmark {

    private StoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        String index = new String(resource("store/index.html"), java.nio.charset.StandardCharsets.UTF_8);
        Set<String> entry = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+\\.(?:js|css))\"").matcher(index);
        while (m.find()) {
            entry.add(m.group(1));
        }
        System.out.println("Initial files named by index.html (what every screen loads first):");
        printSizes(entry);

        try (ScratchDirectory dir = ScratchDirectory.create("store-bench");
             ApplicationContext ctx = Micronaut.build(new String[0]).mainClass(Application.class).properties(Map.<String, Object>of(
                     "exchange.data-dir", dir.path().toString(), "exchange.demo", "true", "micronaut.server.port", "-1",
                     "exchange.jwt-secret", "benchmark-secret-that-is-long-enough-for-hmac-sha256")).start()) {
            String base = "http://127.0.0.1:" + ctx.getBean(EmbeddedServer.class).getPort();
            ChromeDriver driver = chromium();
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(5));
                List<Double> catalogue = new ArrayList<>();
                List<Double> sheet = new ArrayList<>();
                Set<String> firstRoute = new LinkedHashSet<>();
                for (int run = 0; run <= runs; run++) {
                    driver.get(base + "/");
                    wait.until(d -> driver.executeScript("return performance.getEntriesByName('catalogue-shown').length") instanceof Long n && n > 0);
                    catalogue.add(((Number) driver.executeScript("return performance.getEntriesByName('catalogue-shown')[0].startTime")).doubleValue());
                    if (run == 0) {
                        @SuppressWarnings("unchecked")
                        List<String> loaded = (List<String>) driver.executeScript("return performance.getEntriesByType('resource')"
                                + ".map(e => new URL(e.name).pathname).filter(p => /^\\/assets\\/.*\\.(js|css)$/.test(p))");
                        firstRoute.addAll(loaded);
                    }
                    List<?> links = driver.findElements(By.cssSelector("[data-testid='product-card'] h2 a"));
                    driver.executeScript("performance.clearMarks('product-sheet-shown'); performance.mark('sheet-open'); arguments[0].click();",
                            links.get(run % links.size()));
                    wait.until(d -> driver.executeScript("return performance.getEntriesByName('product-sheet-shown').length") instanceof Long n && n > 0);
                    sheet.add(((Number) driver.executeScript("return performance.getEntriesByName('product-sheet-shown')[0].startTime"
                            + " - performance.getEntriesByName('sheet-open')[0].startTime")).doubleValue());
                }
                System.out.println();
                System.out.println("Everything the browser fetched to show the catalogue (the first route):");
                printSizes(firstRoute);
                System.out.println();
                System.out.printf("Catalogue shown (navigation start to first results), headless Chromium over loopback:%n");
                System.out.printf("  first load, empty cache: %.0f ms; then %d loads: median %.0f ms, worst %.0f ms%n",
                        catalogue.get(0), runs, median(catalogue.subList(1, catalogue.size())), max(catalogue.subList(1, catalogue.size())));
                System.out.printf("Product sheet opened (click to sheet on screen):%n");
                System.out.printf("  first (loads its code): %.0f ms; then %d sheets: median %.0f ms, worst %.0f ms%n",
                        sheet.get(0), runs, median(sheet.subList(1, sheet.size())), max(sheet.subList(1, sheet.size())));
            } finally {
                driver.quit();
            }
        }
    }

    private static ChromeDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("store.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--window-size=1366,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("store.chromedriver", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void printSizes(Set<String> paths) throws IOException {
        long js = 0;
        long jsGzip = 0;
        long css = 0;
        long cssGzip = 0;
        for (String path : paths) {
            byte[] raw = resource("store" + path);
            long gz = gzipSize(raw);
            System.out.printf("  %-52s %8.1f kB  gzip %7.1f kB%n", path, raw.length / 1000.0, gz / 1000.0);
            if (path.endsWith(".css")) {
                css += raw.length;
                cssGzip += gz;
            } else {
                js += raw.length;
                jsGzip += gz;
            }
        }
        System.out.printf("  JavaScript: %.1f kB, gzip %.1f kB; CSS: %.1f kB, gzip %.1f kB%n", js / 1000.0, jsGzip / 1000.0,
                css / 1000.0, cssGzip / 1000.0);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = StoreBenchmark.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                Path built = Path.of("frontend/target/classes", name);
                if (Files.exists(built)) {
                    return Files.readAllBytes(built);
                }
                throw new IllegalStateException("no " + name + " on the class path: build the frontend module first");
            }
            return in.readAllBytes();
        }
    }

    private static long gzipSize(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(9);
            }
        }) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size();
    }

    private static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length == 0 ? Double.NaN : a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private static double max(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}

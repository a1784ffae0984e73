package org.dataexchange.marketplace.conduct;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.dataexchange.marketplace.audit.AuditLog;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.marketplace.problem.ProblemType;
import org.dataexchange.marketplace.regulator.Reconciliation;
import org.dataexchange.marketplace.supervision.SupervisionActions;

/**
 * The regulator's monthly report: the month's trades from the ledger (volumes and values by industry, classification
 * and plan kind, cross-border), the full price statistics, the conduct flags, supervision actions, and the books'
 * reconciliation against the ledger, as PDF and CSV. Each generation is kept: its files are written once under
 * {@code data-dir/reports}, their SHA-256 recorded, and every download checked against it.
 */
@Singleton
class MonthlyReports {

    @Serdeable
    @MappedEntity("monthly_report")
    record Kept(@Id String id, String reportMonth, Instant generatedAt, String generatedBy, long trades, long valueMinor,
                int flags, int differences, String pdfSha256, long pdfBytes, String csvSha256, long csvBytes) {}

    @JdbcRepository(dialect = Dialect.H2)
    interface Repository extends CrudRepository<Kept, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @io.micronaut.context.annotation.Replaces(Repository.class)
        @io.micronaut.context.annotation.Requires(condition = org.dataexchange.marketplace.Database.OnPostgres.class)
        interface OnPostgres extends Repository {}

        List<Kept> findAllOrderByGeneratedAtDesc();
    }

    enum Format { PDF, CSV }

    /** A kept file with its recorded hash. */
    record File(Kept report, Format format, byte[] bytes, String sha256) {}

    private final Repository kept;
    private final MarketTrades market;
    private final PriceStatistics prices;
    private final ConductFlags flags;
    private final Reconciliation reconciliation;
    private final SupervisionActions supervision;
    private final ConductSettings settings;
    private final AuditLog audit;
    private final Clock clock;
    private final Path dir;

    MonthlyReports(Repository kept, MarketTrades market, PriceStatistics prices, ConductFlags flags, Reconciliation reconciliation,
                   SupervisionActions supervision, ConductSettings settings, AuditLog audit, Clock clock, @Value("${exchange.data-dir}") String dataDir) {
        this.kept = kept;
        this.market = market;
        this.prices = prices;
        this.flags = flags;
        this.reconciliation = reconciliation;
        this.supervision = supervision;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
        this.dir = Path.of(dataDir).resolve("reports");
    }

    List<Kept> all() {
        return kept.findAllOrderByGeneratedAtDesc();
    }

    Kept generate(YearMonth month, String actor) {
        if (month.isAfter(YearMonth.now(clock.withZone(ZoneOffset.UTC)))) {
            throw ApiProblem.invalidField("month", "the month " + month + " has not begun");
        }
        if (MonthlyReportPdf.font(settings.reportFonts()).isEmpty()) {
            throw ApiProblem.of(ProblemType.REPORT_FONT_MISSING, "No font for the report's Chinese",
                    "no TrueType font with Chinese glyphs at " + settings.reportFonts() + "; nothing was stored");
        }
        Instant from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant now = clock.instant();
        List<MarketTrades.PricedTrade> trades = market.between(from, to);
        PriceStatistics.Report stats = prices.of(trades, prices.offVenueDeals(from, to), from, to, true);
        List<ConductFlags.Flag> raised = flags.of(trades);
        Reconciliation.Report books = reconciliation.run();

        List<String[]> rows = new ArrayList<>();
        List<MonthlyReportPdf.Section> sections = new ArrayList<>();
        long crossBorder = trades.stream().filter(t -> t.trade().crossBorder()).count();
        long crossBorderValue = trades.stream().filter(t -> t.trade().crossBorder()).mapToLong(MarketTrades.PricedTrade::amount).sum();
        rows.add(row("summary", "all trades", stats.trades(), stats.valueMinor(), "from the ledger, recorded in [" + from + ", " + to + ")"));
        rows.add(row("summary", "cross-border", crossBorder, crossBorderValue, ""));
        List<String> summary = new ArrayList<>(List.of(
                "交易笔数 trades: " + stats.trades() + "    交易金额 value: " + yuan(stats.valueMinor()) + " CNY",
                "跨境 cross-border: " + crossBorder + " trades, " + yuan(crossBorderValue) + " CNY"));
        sections.add(new MonthlyReportPdf.Section("一、交易量与交易额 Volumes and values", summary));
        for (String dimension : List.of("industry", "classification", "plan kind")) {
            Map<String, long[]> sums = new TreeMap<>();
            for (MarketTrades.PricedTrade t : trades) {
                String key = switch (dimension) {
                    case "industry" -> t.trade().industry();
                    case "classification" -> t.classification();
                    default -> t.planKind();
                };
                long[] s = sums.computeIfAbsent(key, k -> new long[2]);
                s[0]++;
                s[1] += t.amount();
            }
            sums.forEach((k, v) -> {
                rows.add(row(dimension, k, v[0], v[1], ""));
                summary.add(dimension + " " + k + ": " + v[0] + " trades, " + yuan(v[1]) + " CNY");
            });
        }

        List<String> priceLines = new ArrayList<>();
        for (PriceStatistics.Cell c : stats.cells()) {
            String key = c.industry() + " / " + c.classification() + " / " + c.planKind();
            Quartiles q = c.prices();
            String detail = "merchants " + c.merchants() + "; buyers " + c.buyers() + "; min " + q.minMinor() + "; Q1 " + q.q1Minor()
                    + "; median " + q.medianMinor() + "; Q3 " + q.q3Minor() + "; max " + q.maxMinor() + "; mean " + c.meanMinor();
            rows.add(row("prices", key, c.trades(), c.valueMinor(), detail));
            priceLines.add(key + ": " + c.trades() + " trades; " + detail + " (fen)");
        }
        if (priceLines.isEmpty()) {
            priceLines.add("本月无交易 no trades this month");
        }
        sections.add(new MonthlyReportPdf.Section("二、价格统计 Price statistics (minor units, fen)", priceLines));

        List<String> flagLines = new ArrayList<>();
        for (ConductFlags.Flag f : raised) {
            rows.add(row("flag", f.rule().name(), f.tradeIds().size(), 0, f.productId() + " (" + f.merchant() + "): " + f.explanation()));
            flagLines.add(f.rule() + " · " + f.productId() + " · " + f.merchant() + ": " + f.explanation());
        }
        if (flagLines.isEmpty()) {
            flagLines.add("无 none");
        }
        sections.add(new MonthlyReportPdf.Section("三、市场行为提示 Conduct flags (" + raised.size() + ")", flagLines));

        // Supervision actions as the ledger holds them (read with the regulator's identity), recorded in the month;
        // actions decided but not yet on the ledger are counted, not listed, so the report shows only what it can prove.
        SupervisionActions.RegulatorList supervised = supervision.fromLedger();
        List<String> supervisionLines = new ArrayList<>();
        long supervisedInMonth = 0;
        for (SupervisionActions.LedgerView v : supervised.onLedger().reversed()) {
            Instant at = v.recorded().recordedAt();
            if (at.isBefore(from) || !at.isBefore(to)) {
                continue;
            }
            supervisedInMonth++;
            var r = v.recorded().request();
            String merchant = (v.organisationName() == null ? "" : v.organisationName() + " ") + r.partyId();
            String detail = merchant + (r.productId() == null ? "" : "; product " + r.productId()) + "; by " + r.decidedBy()
                    + "; " + at + "; tx " + v.recorded().txId() + ": " + r.reason();
            rows.add(row("supervision", r.measure().name(), 1, 0, detail));
            supervisionLines.add(r.measure() + " · " + detail);
        }
        if (supervisionLines.isEmpty()) {
            supervisionLines.add("无 none");
        }
        if (supervised.notYetOnLedger() > 0) {
            supervisionLines.add("另有 " + supervised.notYetOnLedger() + " 项已决定、尚未上链 decided, not yet on the ledger: "
                    + supervised.notYetOnLedger());
            rows.add(row("supervision", "not yet on ledger", supervised.notYetOnLedger(), 0, "decided in the books, on their way to the ledger"));
        }
        sections.add(new MonthlyReportPdf.Section("四、监管措施 Supervision actions (" + supervisedInMonth + ")", supervisionLines));

        Reconciliation.Totals totals = books.totals();
        rows.add(row("reconciliation", "orders in books", totals.ordersInBooks(), totals.booksAmountMinor(), "checked " + books.checkedAt()));
        rows.add(row("reconciliation", "trades on ledger", totals.tradesOnLedger(), totals.ledgerAmountMinor(), ""));
        List<String> recon = new ArrayList<>(List.of("对账时间 checked at " + books.checkedAt() + " (the whole ledger against the books)",
                "账簿订单 orders in books: " + totals.ordersInBooks() + ", " + yuan(totals.booksAmountMinor()) + " CNY; 链上交易 trades on ledger: "
                        + totals.tradesOnLedger() + ", " + yuan(totals.ledgerAmountMinor()) + " CNY",
                "差异 differences: " + books.differences().size()));
        for (Reconciliation.Difference d : books.differences()) {
            rows.add(row("difference", d.kind().name(), 1, 0, d.tradeId() + ": " + d.detail()));
            recon.add(d.kind() + " " + d.tradeId() + ": " + d.detail());
        }
        sections.add(new MonthlyReportPdf.Section("五、账链对账 Reconciliation of the books and the ledger", recon));

        sections.add(offVenueSection(stats.offVenue(), rows));

        String id = UUID.randomUUID().toString();
        byte[] csv = csv(rows).getBytes(StandardCharsets.UTF_8);
        byte[] pdf;
        try {
            pdf = MonthlyReportPdf.render("数据交易监管月报 Monthly regulator report " + month,
                    List.of("报告编号 report " + id, "生成 generated " + now + " by " + actor,
                            "数据来源：监管方身份读取的账本交易；计划类型来自交易所账簿 Source: the ledger's trades read with the regulator's identity; plan kinds from the books"),
                    sections, settings.reportFonts());
        } catch (MonthlyReportPdf.FontMissing e) {
            throw ApiProblem.of(ProblemType.REPORT_FONT_MISSING, "No font for the report's Chinese", e.getMessage());
        }
        Kept report = new Kept(id, month.toString(), now, actor, stats.trades(), stats.valueMinor(), raised.size(),
                books.differences().size(), sha256(pdf), pdf.length, sha256(csv), csv.length);
        try {
            Files.createDirectories(dir);
            write(id + ".pdf", pdf);
            write(id + ".csv", csv);
        } catch (IOException e) {
            throw new IllegalStateException("the monthly report could not be stored", e);
        }
        kept.save(report);
        audit.record(actor, "REGULATOR", "REPORT_GENERATED", "report:" + id, month + " pdf sha256 " + report.pdfSha256()
                + " csv sha256 " + report.csvSha256());
        return report;
    }

    /**
     * The month's off-venue deals on the ledger (场外交易, verified by the operator), counted apart: never in the trades'
     * volumes and values above. CSV rows of section {@code off-venue}.
     */
    private static MonthlyReportPdf.Section offVenueSection(PriceStatistics.Report deals, List<String[]> rows) {
        rows.add(row("off-venue", "all off-venue deals", deals.trades(), deals.valueMinor(),
                "verified deals made outside the exchange, from the ledger; not in the trades above"));
        List<String> lines = new ArrayList<>(List.of("场外交易笔数 deals: " + deals.trades() + "    金额 value: "
                + yuan(deals.valueMinor()) + " CNY (不计入场内交易 not counted in the exchange's trades)"));
        for (PriceStatistics.Cell c : deals.cells()) {
            String key = c.industry() + " / " + c.classification() + " / " + c.planKind();
            Quartiles q = c.prices();
            String detail = "merchants " + c.merchants() + "; buyers " + c.buyers() + "; min " + q.minMinor() + "; median "
                    + q.medianMinor() + "; max " + q.maxMinor();
            rows.add(row("off-venue", key, c.trades(), c.valueMinor(), detail));
            lines.add(key + ": " + c.trades() + " deals; " + detail + " (fen)");
        }
        return new MonthlyReportPdf.Section("六、场外交易（单列） Off-venue deals, counted apart", lines);
    }

    /** A kept report's file, checked against the hash recorded when it was generated. */
    File file(String id, Format format) {
        Kept report = kept.findById(id).orElseThrow(() -> ApiProblem.notFound("no report " + id));
        String expected = format == Format.PDF ? report.pdfSha256() : report.csvSha256();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir.resolve(id + (format == Format.PDF ? ".pdf" : ".csv")));
        } catch (IOException e) {
            throw ApiProblem.of(ProblemType.REPORT_ALTERED, "The report's file is gone", "the " + format + " of report " + id
                    + " is no longer stored; generate the month again");
        }
        String actual = sha256(bytes);
        if (!actual.equals(expected)) {
            throw ApiProblem.of(ProblemType.REPORT_ALTERED, "The report's file was changed", "the " + format + " of report " + id
                    + " has SHA-256 " + actual + ", not the " + expected + " recorded when it was generated");
        }
        return new File(report, format, bytes, actual);
    }

    private void write(String name, byte[] bytes) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static String[] row(String section, String item, long count, long valueMinor, String detail) {
        return new String[] {section, item, Long.toString(count), Long.toString(valueMinor), detail};
    }

    static String csv(List<String[]> rows) {
        StringBuilder out = new StringBuilder("section,item,count,valueMinor,detail\r\n");
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(field(r[i]));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    static String field(String value) {
        // A leading =, +, - or @ would make a spreadsheet run the cell as a formula.
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r");
        return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    static String yuan(long minor) {
        return java.math.BigDecimal.valueOf(minor, 2).toPlainString();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

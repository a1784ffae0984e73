package org.dataexchange.marketplace.conduct;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.dataexchange.marketplace.audit.AuditLog;
import org.dataexchange.marketplace.problem.ApiProblem;

/**
 * Market conduct over HTTP: public price statistics (anyone), and for the regulator the full statistics, the conduct
 * flags and the monthly reports.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class ConductController {

    /** Which month to report: {@code 2026-11}. */
    @Serdeable
    record ReportRequest(@NotNull @Pattern(regexp = "\\d{4}-(0[1-9]|1[0-2])") String month) {}

    /** The flags of a period and the rules' settings they were judged by. */
    @Serdeable
    record FlagsView(@Nullable Instant from, @Nullable Instant to, List<ConductFlags.Flag> flags, Rules rules) {}

    @Serdeable
    record Rules(double outlierIqrFactor, int outlierMinExcessPercent, int outlierMinComparables, String discriminationPeriod,
                 int discriminationSpreadPercent, int tiedMinOrders, long tiedWindowSeconds, int publicMinParties) {}

    private final PriceStatistics prices;
    private final ConductFlags flags;
    private final MonthlyReports reports;
    private final ConductSettings settings;
    private final AuditLog audit;

    ConductController(PriceStatistics prices, ConductFlags flags, MonthlyReports reports, ConductSettings settings, AuditLog audit) {
        this.prices = prices;
        this.flags = flags;
        this.reports = reports;
        this.settings = settings;
        this.audit = audit;
    }

    /** Price statistics for everyone: no party named, and cells with too few merchants or buyers withheld. */
    @Get("/price-statistics")
    @Secured(SecurityRule.IS_ANONYMOUS)
    PriceStatistics.Report publicPrices(@Nullable @QueryValue String from, @Nullable @QueryValue String to) {
        Instant[] range = range(from, to);
        return prices.publicView(range[0], range[1]);
    }

    /** Every cell, with each merchant's share. */
    @Get("/regulator/price-statistics")
    @Secured("REGULATOR")
    PriceStatistics.Report regulatorPrices(@Nullable @QueryValue String from, @Nullable @QueryValue String to, Authentication auth) {
        Instant[] range = range(from, to);
        audit.record(auth.getName(), "REGULATOR", "REGULATOR_QUERY", "price-statistics", "from=" + range[0] + " to=" + range[1]);
        return prices.regulatorView(range[0], range[1]);
    }

    @Get("/regulator/conduct-flags")
    @Secured("REGULATOR")
    FlagsView conductFlags(@Nullable @QueryValue String from, @Nullable @QueryValue String to, Authentication auth) {
        Instant[] range = range(from, to);
        audit.record(auth.getName(), "REGULATOR", "REGULATOR_QUERY", "conduct-flags", "from=" + range[0] + " to=" + range[1]);
        return new FlagsView(range[0], range[1], flags.between(range[0], range[1]), new Rules(settings.outlierIqrFactor(),
                settings.outlierMinExcessPercent(), settings.outlierMinComparables(), settings.discriminationPeriod().name(),
                settings.discriminationSpreadPercent(), settings.tiedMinOrders(), settings.tiedWindow().toSeconds(),
                settings.publicMinParties()));
    }

    @Get("/regulator/reports")
    @Secured("REGULATOR")
    List<MonthlyReports.Kept> reports(Authentication auth) {
        audit.record(auth.getName(), "REGULATOR", "REGULATOR_QUERY", "reports", "list");
        return reports.all();
    }

    /** Generates the month's report now and keeps it (an earlier one of the same month stays as it was). */
    @Post("/regulator/reports")
    @Secured("REGULATOR")
    HttpResponse<MonthlyReports.Kept> generate(@Body @Valid ReportRequest request, Authentication auth) {
        MonthlyReports.Kept kept = reports.generate(YearMonth.parse(request.month()), auth.getName());
        return HttpResponse.created(kept);
    }

    @Get(value = "/regulator/reports/{id}/pdf", produces = "application/pdf")
    @Secured("REGULATOR")
    HttpResponse<byte[]> pdf(@PathVariable String id, Authentication auth) {
        return file(id, MonthlyReports.Format.PDF, auth);
    }

    @Get(value = "/regulator/reports/{id}/csv", produces = "text/csv")
    @Secured("REGULATOR")
    HttpResponse<byte[]> csv(@PathVariable String id, Authentication auth) {
        return file(id, MonthlyReports.Format.CSV, auth);
    }

    private HttpResponse<byte[]> file(String id, MonthlyReports.Format format, Authentication auth) {
        if (id.length() > 64) {
            throw ApiProblem.notFound("no report " + id.substring(0, 64) + "…");
        }
        MonthlyReports.File f = reports.file(id, format);
        audit.record(auth.getName(), "REGULATOR", "REGULATOR_QUERY", "report:" + id, "download " + format);
        String name = "regulator-report-" + f.report().reportMonth() + "-" + id.substring(0, Math.min(8, id.length()))
                + (format == MonthlyReports.Format.PDF ? ".pdf" : ".csv");
        return HttpResponse.ok(f.bytes())
                .contentType(format == MonthlyReports.Format.PDF ? "application/pdf" : "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                // RFC 9530: the representation's SHA-256, the same as recorded when the report was generated.
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(f.sha256())) + ":");
    }

    private static Instant[] range(@Nullable String from, @Nullable String to) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !end.isAfter(start)) {
            throw ApiProblem.invalidField("to", "the range [from, to) is empty: to (" + end + ") must be after from (" + start + ")");
        }
        return new Instant[] {start, end};
    }

    private static Instant instant(String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiProblem.invalidField(name, "use ISO-8601 instants such as 2026-11-01T00:00:00Z");
        }
    }
}

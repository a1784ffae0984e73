package org.dataexchange.marketplace.accounting;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.problem.ApiProblem;

/**
 * The data assets (数据资产入表) of the organisation that holds the licences: a buyer's, or a merchant's own purchases
 * (never the licences it sold); as JSON, and as CSV or XLSX to book.
 */
@Controller("/api/data-assets")
@Secured({"BUYER", "MERCHANT"})
@ExecuteOn(TaskExecutors.BLOCKING)
class AccountingController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final DataAssets assets;

    AccountingController(DataAssets assets) {
        this.assets = assets;
    }

    @Get
    List<DataAssets.Asset> list(Authentication auth) {
        return assets.of(Viewer.of(auth));
    }

    /** {@code format=csv} (the amortisation journal, one row per licence and month) or {@code xlsx} (assets and journal sheets). */
    @Get(value = "/export", produces = {"text/csv", XLSX})
    HttpResponse<byte[]> export(@QueryValue(defaultValue = "csv") String format, Authentication auth) {
        if (!format.equals("csv") && !format.equals("xlsx")) {
            throw ApiProblem.invalidField("format", "csv or xlsx");
        }
        List<DataAssets.Asset> held = assets.of(Viewer.of(auth));
        boolean csv = format.equals("csv");
        byte[] body = csv ? DataAssets.csv(held).getBytes(StandardCharsets.UTF_8) : DataAssets.xlsx(held);
        return HttpResponse.ok(body).contentType(csv ? "text/csv; charset=utf-8" : XLSX)
                .header("Content-Disposition", "attachment; filename=\"data-assets." + format + "\"");
    }
}

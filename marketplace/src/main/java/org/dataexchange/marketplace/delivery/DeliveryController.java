package org.dataexchange.marketplace.delivery;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.SystemFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.dataexchange.ledger.licence.Revocation;
import org.dataexchange.marketplace.account.Viewer;

/** Download links and downloads of licensed files, deliveries of an order, and licence revocation by the operator. */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class DeliveryController {

    @Serdeable
    public record Reason(@NotBlank @Size(max = 1000) String reason) {}

    private final DeliveryService delivery;
    private final LicenceRevocations revocations;
    private final MeteredAccess metered;

    public DeliveryController(DeliveryService delivery, LicenceRevocations revocations, MeteredAccess metered) {
        this.metered = metered;
        this.delivery = delivery;
        this.revocations = revocations;
    }

    @Post("/orders/{id}/download-link")
    @Secured({"BUYER", "MERCHANT"}) // the licence holder's account, whichever role (DeliveryService checks it holds it)
    public DeliveryService.DownloadLink link(@PathVariable String id, Authentication auth) {
        return delivery.link(Viewer.of(auth), id);
    }

    /**
     * The signed link itself authorises the download (it can be handed to a download tool); it names the account and
     * role that asked for it, under its signature, and the download is audited as theirs.
     */
    @Get("/downloads/{id}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<SystemFile> download(@PathVariable String id, @QueryValue long expires,
                                             @io.micronaut.core.annotation.Nullable @QueryValue String role,
                                             @io.micronaut.core.annotation.Nullable @QueryValue String account,
                                             @QueryValue String sig) {
        DeliveryService.Download d = delivery.download(id, expires, role, account, sig);
        return HttpResponse.ok(new SystemFile(d.file().toFile(), MediaType.APPLICATION_OCTET_STREAM_TYPE))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + d.fileName().replace("\"", "") + "\"");
    }

    @Post("/orders/{id}/api-keys")
    @Secured({"BUYER", "MERCHANT"}) // the licence holder's account (MeteredAccess checks it holds it)
    public HttpResponse<MeteredAccess.IssuedKey> apiKey(@PathVariable String id, Authentication auth) {
        return HttpResponse.created(metered.issue(Viewer.of(auth), id));
    }

    /** A metered data call, authorised by the order's API key (not a login). */
    @Get("/data/records")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public List<java.util.Map<String, Object>> records(@io.micronaut.core.annotation.Nullable
                                                       @io.micronaut.http.annotation.Header("X-Api-Key") String apiKey) {
        return metered.call(apiKey);
    }

    @Get("/orders/{id}/usage")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<MeteredAccess.MonthUsage> usage(@PathVariable String id, Authentication auth) {
        return metered.usage(Viewer.of(auth), id);
    }

    @Get("/orders/{id}/deliveries")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<Delivery> deliveries(@PathVariable String id, Authentication auth) {
        return delivery.deliveries(Viewer.of(auth), id);
    }

    /** Ends a licence before its term (e.g. an arbitration decision); downloads stop and verification fails. */
    @Post("/operator/certificates/{id}/revoke")
    @Secured("OPERATOR")
    public Revocation revoke(@PathVariable String id, @Body @Valid Reason reason, Authentication auth) {
        // The ledger keeps no personal data: the decision is the exchange operator's, named by account id, not by name.
        String decidedBy = "operator:" + auth.getAttributes().get("accountId");
        // Recorded first, written on the ledger after that commits (LicenceRevocations).
        return revocations.revoke(id, reason.reason(), decidedBy);
    }
}

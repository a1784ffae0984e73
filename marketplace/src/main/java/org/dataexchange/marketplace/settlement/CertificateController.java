package org.dataexchange.marketplace.settlement;

import org.dataexchange.marketplace.order.OrderBook;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import org.dataexchange.ledger.licence.CertificateVerification;
import org.dataexchange.ledger.licence.LicenceCertificate;
import org.dataexchange.ledger.licence.VolumeCap;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.order.OrderRepositories;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.PurchaseOrder;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.settlementclient.SettlementClient;

/**
 * Licence certificates: the holder (the buyer), the seller, the operator and the regulator fetch the certificate
 * document as the ledger issued it; anyone handed that document, or only its id, checks it against the ledger:
 * present, unaltered, unrevoked, in term. The public check says whether and when a licence was revoked, never who
 * decided it or why (that may name people; the regulator sees it).
 */
@Controller("/api/certificates")
@ExecuteOn(TaskExecutors.BLOCKING)
class CertificateController {

    /**
     * The answer of a public check: the ledger's verification without the revocation's decider and reason, and the
     * volume caps (用途用量) of the certificate checked (as the ledger holds them unless {@code mismatchedFields} names
     * {@code volumeCaps}).
     */
    @Serdeable
    public record PublicVerification(String certificateId, boolean valid, boolean onLedger, List<String> mismatchedFields,
                                     boolean revoked, Instant revokedAt, String revocationTxId, boolean expired,
                                     boolean notYetValid, String issueTxId, Instant checkedAt,
                                     @io.micronaut.core.annotation.Nullable List<VolumeCap> volumeCaps) {

        static PublicVerification of(CertificateVerification v, LicenceCertificate checked) {
            return new PublicVerification(v.certificateId(), v.valid(), v.onLedger(), v.mismatchedFields(), v.revoked(),
                    v.revocation() == null ? null : v.revocation().revokedAt(),
                    v.revocation() == null ? null : v.revocation().txId(), v.expired(), v.notYetValid(), v.issueTxId(),
                    v.checkedAt(), v.onLedger() ? checked.volumeCaps() : null);
        }
    }

    private final OrderBook orders;
    private final OrderService orderService;
    private final OrderSettlement onLedger;
    private final SettlementClient ledger;

    CertificateController(OrderBook orders, OrderService orderService, OrderSettlement onLedger,
                          SettlementClient ledger) {
        this.orders = orders;
        this.orderService = orderService;
        this.onLedger = onLedger;
        this.ledger = ledger;
    }

    /** The certificate document as issued on the ledger, for those who may see its order. */
    @Get("/{id}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public LicenceCertificate document(@PathVariable String id, Authentication auth) {
        PurchaseOrder order = orderOf(id);
        orderService.get(Viewer.of(auth), order.id()); // 404 unless the caller may see the order
        return ledger.certificate(id).issued().certificate();
    }

    /** Checks the certificate with this id, as the exchange issued it, against the ledger. */
    @Get("/{id}/verify")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public PublicVerification verify(@PathVariable String id) {
        PurchaseOrder order = orderOf(id);
        LicenceCertificate fromBooks = onLedger.certificate(order, orderService.details(order));
        return PublicVerification.of(ledger.verifyCertificate(fromBooks), fromBooks);
    }

    /** Checks a certificate document someone was handed against the ledger: every field must match the issued one. */
    @Post("/verify")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public PublicVerification verifyDocument(@Body @NotNull LicenceCertificate certificate) {
        if (certificate.certificateId() == null || certificate.certificateId().isBlank()
                || certificate.certificateId().length() > 128) {
            throw ApiProblem.invalidField("certificateId", "the certificate's id is required (at most 128 characters)");
        }
        return PublicVerification.of(ledger.verifyCertificate(certificate), certificate);
    }

    private PurchaseOrder orderOf(String id) {
        return OrderSettlement.orderIdOf(id).flatMap(orders::find).filter(o -> id.equals(o.certificateId()))
                .orElseThrow(() -> ApiProblem.notFound("no certificate " + id));
    }
}

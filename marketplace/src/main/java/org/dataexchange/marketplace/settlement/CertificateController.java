package org.dataexchange.marketplace.settlement;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.dataexchange.ledger.licence.CertificateVerification;
import org.dataexchange.marketplace.order.OrderRepositories;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.PurchaseOrder;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.settlementclient.SettlementClient;

/** Anyone holding a certificate id can check it against the ledger: present, unaltered, unrevoked, in term. */
@Controller("/api/certificates")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class CertificateController {

    private final OrderRepositories.Orders orders;
    private final OrderService orderService;
    private final SettlementWorker settlement;
    private final SettlementClient ledger;

    public CertificateController(OrderRepositories.Orders orders, OrderService orderService, SettlementWorker settlement,
                                 SettlementClient ledger) {
        this.orders = orders;
        this.orderService = orderService;
        this.settlement = settlement;
        this.ledger = ledger;
    }

    @Get("/{id}/verify")
    public CertificateVerification verify(@PathVariable String id) {
        if (!id.startsWith("CERT-")) {
            throw ApiProblem.notFound("no certificate " + id);
        }
        PurchaseOrder order = orders.findById(id.substring(5)).filter(o -> id.equals(o.certificateId()))
                .orElseThrow(() -> ApiProblem.notFound("no certificate " + id));
        return ledger.verifyCertificate(settlement.certificate(order, orderService.details(order)));
    }
}

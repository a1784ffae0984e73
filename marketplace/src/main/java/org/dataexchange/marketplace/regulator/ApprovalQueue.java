package org.dataexchange.marketplace.regulator;

import org.dataexchange.marketplace.order.OrderBook;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import org.dataexchange.marketplace.audit.AuditLog;
import org.dataexchange.marketplace.order.OrderRepositories;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.OrderStatus;
import org.dataexchange.marketplace.order.OrderView;
import org.dataexchange.marketplace.organisation.Organisation;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;

/**
 * The regulator's queue of core-data orders waiting for its approval (SPEC §6), oldest first, each with the buyer
 * that placed it. These orders are not on the ledger yet (a trade is recorded only once paid), so the queue is read
 * from the exchange's books; the decisions themselves are {@code POST /api/regulator/orders/{id}/approve|refuse}.
 */
@Controller("/api/regulator/orders")
@Secured("REGULATOR")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ApprovalQueue {

    /** An order waiting for approval and who placed it (name and credit code: the ledger's party id). */
    @Serdeable
    public record PendingApproval(OrderView order, String buyerName, String buyerCreditCode) {}

    private final OrderBook orders;
    private final OrderService orderService;
    private final OrganisationDirectory organisations;
    private final AuditLog audit;

    public ApprovalQueue(OrderBook orders, OrderService orderService, OrganisationDirectory organisations,
                         AuditLog audit) {
        this.orders = orders;
        this.orderService = orderService;
        this.organisations = organisations;
        this.audit = audit;
    }

    @Get
    public List<PendingApproval> awaitingApproval(Authentication auth) {
        audit.record(auth.getName(), "REGULATOR", "REGULATOR_QUERY", "orders", "awaiting approval");
        return orders.inStatus(OrderStatus.AWAITING_APPROVAL).stream().map(o -> {
            Organisation buyer = organisations.find(o.buyerOrgId()).orElse(null);
            return new PendingApproval(orderService.view(o), buyer == null ? "" : buyer.name(), buyer == null ? "" : buyer.creditCode());
        }).toList();
    }
}

package org.dataexchange.marketplace.order;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.dataexchange.marketplace.catalogue.HeldLicences;

/** The licences an organisation holds, from its orders: settled or delivered, with the certificate the ledger issued. */
@Singleton
class LicencesHeld implements HeldLicences {

    private final OrderRepositories.Orders orders;
    private final OrderService service;

    LicencesHeld(OrderRepositories.Orders orders, OrderService service) {
        this.orders = orders;
        this.service = service;
    }

    @Override
    public List<HeldLicence> heldBy(String organisationId) {
        List<HeldLicence> held = new ArrayList<>();
        for (PurchaseOrder o : orders.findByBuyerOrgIdOrderByCreatedAtDesc(organisationId)) {
            if (o.certificateId() == null || o.paidAt() == null
                    || (o.status() != OrderStatus.SETTLED && o.status() != OrderStatus.DELIVERED)) {
                continue;
            }
            OrderDetails d = service.details(o);
            LicenceWindow term = d.termFrom(o.paidAt());
            held.add(new HeldLicence(o.certificateId(), o.id(), o.productId(), o.buyerOrgId(), d.terms(), term.from(),
                    term.until(), o.licenceRevoked()));
        }
        return held;
    }
}

package org.dataexchange.marketplace.settlement;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dataexchange.ledger.licence.GrantedRight;
import org.dataexchange.ledger.licence.LicenceCertificate;
import org.dataexchange.ledger.licence.VolumeCap;
import org.dataexchange.ledger.trade.Approvals;
import org.dataexchange.ledger.trade.Settlement;
import org.dataexchange.ledger.trade.SplitLine;
import org.dataexchange.ledger.trade.TradeRequest;
import org.dataexchange.marketplace.catalogue.CatalogueService;
import org.dataexchange.marketplace.order.LicenceWindow;
import org.dataexchange.marketplace.order.OrderDetails;
import org.dataexchange.marketplace.order.OrderStatus;
import org.dataexchange.marketplace.order.PurchaseOrder;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;

/**
 * What an order is on the ledger: the trade it records (its id is the order's, which makes recording idempotent) and
 * the licence certificate (交易凭证) issued with it, and the licence as the books hold it once the ledger confirmed
 * it. The one place that maps orders to the contract's records: the settlement worker, the certificate check, the
 * books check and delivery all go through it.
 */
@Singleton
public class OrderSettlement {

    private static final String CERTIFICATE_PREFIX = "CERT-";

    private final CatalogueService catalogue;
    private final OrganisationDirectory directory;

    OrderSettlement(CatalogueService catalogue, OrganisationDirectory directory) {
        this.catalogue = catalogue;
        this.directory = directory;
    }

    /** The id of the certificate an order's settlement issues. */
    public static String certificateIdOf(String orderId) {
        return CERTIFICATE_PREFIX + orderId;
    }

    /** The order a certificate id names, if it is one of the exchange's. */
    public static Optional<String> orderIdOf(String certificateId) {
        return certificateId != null && certificateId.startsWith(CERTIFICATE_PREFIX)
                ? Optional.of(certificateId.substring(CERTIFICATE_PREFIX.length())) : Optional.empty();
    }

    /** The trade an order records on the ledger. */
    public TradeRequest trade(PurchaseOrder order, OrderDetails d) {
        return trade(order, d, new HashMap<>());
    }

    /** The licence certificate; its term starts when the order was paid, so a retry issues the same one. */
    public LicenceCertificate certificate(PurchaseOrder order, OrderDetails d) {
        return certificate(order, d, trade(order, d));
    }

    /** The order's trade with its certificate, as SettleTrades takes them; {@code digests} keeps versions' digests per batch. */
    Settlement settlement(PurchaseOrder order, OrderDetails d, Map<List<String>, String> digests) {
        TradeRequest trade = trade(order, d, digests);
        return new Settlement(trade, certificate(order, d, trade));
    }

    private TradeRequest trade(PurchaseOrder order, OrderDetails d, Map<List<String>, String> digests) {
        String buyer = directory.creditCodeOf(order.buyerOrgId());
        String seller = d.split().get(0).party();
        List<SplitLine> lines = d.split().stream().map(l -> new SplitLine(l.party(), l.role(), l.amountMinor(),
                l.parentCertificateId())).toList();
        OrderDetails.Gates g = d.gates();
        String securityRef = g.securityAgreementHash() == null ? null
                : "DSA:" + g.securityAgreementHash() + "@" + g.securityAgreementAcceptedAt();
        return new TradeRequest(order.id(), order.id(), order.productId(), order.productVersion(),
                digests.computeIfAbsent(List.of(order.productId(), order.productVersion()),
                        k -> catalogue.versionDigest(order.productId(), order.productVersion())), order.agreementHash(), buyer, seller,
                order.amountMinor(), order.currency(), lines, d.buyerLocation(), d.scenario().location(),
                new Approvals(g.regulatorApprovalRef(), securityRef, g.exportAssessmentRef()));
    }

    private static LicenceCertificate certificate(PurchaseOrder order, OrderDetails d, TradeRequest t) {
        LicenceWindow term = d.termFrom(order.paidAt());
        return new LicenceCertificate(certificateIdOf(order.id()), order.id(), order.productId(), order.productVersion(),
                t.contentDigest(), order.agreementHash(), t.buyerId(), t.sellerId(),
                GrantedRight.valueOf(d.terms().right().name()),
                d.terms().permittedActions().stream().map(a -> a.name().toLowerCase(Locale.ROOT)).toList(),
                term.from(), term.until(), d.terms().volumeCaps() == null ? null : d.terms().volumeCaps().asMap().entrySet()
                        .stream().map(c -> new VolumeCap(c.getKey().name().toLowerCase(Locale.ROOT), c.getValue())).toList());
    }

    /**
     * The licence as the books hold it: present once the ledger confirmed the order's certificate (the order SETTLED
     * or DELIVERED with its certificate id), with the certificate's term and whether a revocation reached the books.
     * Revocations reach them from every path: the operator's and a complaint's revocation mark the order after the
     * ledger records them, and {@link SettlementConfirmations} marks it from the ledger's own LicenceRevoked event,
     * exactly once, whoever revoked it. Delivery checks this, not the ledger, on each download and call.
     */
    public static Optional<Licence> licence(PurchaseOrder order, OrderDetails d) {
        if (order.certificateId() == null || (order.status() != OrderStatus.SETTLED && order.status() != OrderStatus.DELIVERED)) {
            return Optional.empty();
        }
        LicenceWindow term = d.termFrom(order.paidAt());
        return Optional.of(new Licence(order.certificateId(), term.from(), term.until(), order.licenceRevoked()));
    }

    /** A confirmed licence: its certificate, its term ({@code until} exclusive; null = perpetual) and its revocation. */
    public record Licence(String certificateId, Instant from, Instant until, boolean revoked) {

        /** Within its term at the given time (as the ledger's certificate would say). */
        public boolean inTermAt(Instant at) {
            return !at.isBefore(from) && !endedBy(at);
        }

        /** Its term is over at the given time. */
        public boolean endedBy(Instant at) {
            return until != null && !at.isBefore(until);
        }
    }
}

package org.dataexchange.marketplace.order;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.dataexchange.ledger.json.CanonicalJson;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.trade.SplitRole;
import org.dataexchange.ledger.trade.Territory;
import org.dataexchange.marketplace.RecordId;
import org.dataexchange.marketplace.account.Role;
import org.dataexchange.marketplace.catalogue.CatalogueService;
import org.dataexchange.marketplace.catalogue.PricingPlan;
import org.dataexchange.marketplace.catalogue.ProductDetails;
import org.dataexchange.marketplace.catalogue.ProductOffer;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.licence.LicenceTermsException;
import org.dataexchange.marketplace.licence.OdrlPolicy;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;
import org.dataexchange.marketplace.payment.Wallets;
import org.dataexchange.marketplace.problem.ApiProblem;

/**
 * Orders: placing (idempotent by Idempotency-Key, price from the plan, scenario within the licence, gates of
 * SPEC §6), regulator approval of core-data orders, and payment, which holds the funds in escrow and requests
 * settlement in the same database transaction (the outbox). Every transition is recorded with time and actor.
 */
@Singleton
public class OrderService {

    /** The data-security agreement buyers of important and core data accept; its hash is recorded. */
    public static final String SECURITY_AGREEMENT_TEXT = "数据安全协议 Data-security agreement v1: the buyer protects the data"
            + " according to its classification, uses it only for the stated scenario, does not transfer it onward, reports"
            + " incidents within 24 hours and deletes it at the end of the term.";

    private final OrderRepositories.Orders orders;
    private final OrderRepositories.OrderRows rows;
    private final OrganisationDirectory directory;
    private final OrderRepositories.Transitions transitions;
    private final OrderRepositories.Outbox outbox;
    private final OrderRepositories.Details detailRows;
    private final OrderRepositories.Refunds refunds;
    private final Subscription.Repository subscriptions;
    private final CatalogueService catalogue;
    private final Wallets wallets;
    private final JsonMapper json;
    private final io.micronaut.transaction.TransactionOperations<java.sql.Connection> tx;
    private final org.dataexchange.marketplace.audit.AuditLog audit;
    // An order's details are read at payment, settlement and views; the orders in motion are the last few hundred.
    // Cache upkeep runs on the writing thread: handed to the common pool, it woke a thread for nearly every order.
    private final com.github.benmanes.caffeine.cache.Cache<String, ParsedDetails> parsed =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(1_000).executor(Runnable::run).build();

    /** Details as parsed at a version of the order; a change bumps the version, so an entry is never stale. */
    private record ParsedDetails(int version, OrderDetails details) {}

    // An order's history only grows, by one transition per status change, and no status comes twice (the state
    // machine has no cycles): a kept history that ends in the order's current status is its whole history. Histories
    // are kept only once committed, so a rolled-back transition is never shown.
    private final com.github.benmanes.caffeine.cache.Cache<String, List<OrderRepositories.Transition>> histories =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(1_000).executor(Runnable::run).build();

    private final io.micrometer.core.instrument.Counter placedOrders;
    private final io.micrometer.core.instrument.Counter paidOrders;

    public OrderService(OrderRepositories.Orders orders, OrderRepositories.Transitions transitions,
                        OrderRepositories.Outbox outbox, OrderRepositories.Details detailRows, CatalogueService catalogue,
                        Wallets wallets, JsonMapper json, io.micronaut.transaction.TransactionOperations<java.sql.Connection> tx,
                        org.dataexchange.marketplace.audit.AuditLog audit, OrderRepositories.Refunds refunds,
                        Subscription.Repository subscriptions, OrderRepositories.OrderRows rows,
                        OrganisationDirectory directory, io.micrometer.core.instrument.MeterRegistry metrics,
                        org.dataexchange.marketplace.supervision.MerchantAdmission admission,
                        org.dataexchange.marketplace.credit.CreditRecord credit) {
        this.placedOrders = io.micrometer.core.instrument.Counter.builder("exchange.orders.placed")
                .description("Orders placed (a repeated Idempotency-Key is not counted again)").register(metrics);
        this.paidOrders = io.micrometer.core.instrument.Counter.builder("exchange.orders.paid")
                .description("Orders paid into escrow, by buyers and by billing rounds").register(metrics);
        this.admission = admission;
        this.credit = credit;
        this.rows = rows;
        this.directory = directory;
        this.refunds = refunds;
        this.subscriptions = subscriptions;
        this.tx = tx;
        this.audit = audit;
        this.orders = orders;
        this.transitions = transitions;
        this.outbox = outbox;
        this.detailRows = detailRows;
        this.catalogue = catalogue;
        this.wallets = wallets;
        this.json = json;
    }

    private final org.dataexchange.marketplace.supervision.MerchantAdmission admission;
    private final org.dataexchange.marketplace.credit.CreditRecord credit;

    /** Places an order, or answers the one already placed with the same key and body. */
    public OrderView place(Viewer buyer, String accountId, String idempotencyKey, PlaceOrder command) {
        if (!mayBuy(buyer)) {
            throw ApiProblem.forbidden("orders are placed by BUYER accounts, and by MERCHANT accounts buying a licence"
                    + " (say, to derive a product of their own)");
        }
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            throw ApiProblem.invalidField("Idempotency-Key", "send an Idempotency-Key header (1 to 200 characters) so a"
                    + " retried request cannot place the order twice");
        }
        String requestHash = sha256(CanonicalJson.write(command));
        try {
            OrderView placed = tx.executeWrite(status -> create(buyer, accountId, idempotencyKey, requestHash, command));
            placedOrders.increment();
            return placed;
        } catch (DataAccessException | ApiProblem refused) {
            // Nearly every key is new, so the order is placed without looking for the key first. A key already used (a
            // retry, or two requests at once of which the unique constraint let one in) is answered with its order,
            // even where placing it again would now be refused, say because the product was delisted since.
            return orders.findByBuyerAccountIdAndIdempotencyKey(accountId, idempotencyKey)
                    .map(o -> sameRequestOrRefuse(o, requestHash, buyer)).orElseThrow(() -> refused);
        }
    }

    private OrderView sameRequestOrRefuse(PurchaseOrder order, String requestHash, Viewer buyer) {
        if (!order.requestHash().equals(requestHash)) {
            throw ApiProblem.conflict("Idempotency key reused", "this Idempotency-Key was used for a different order;"
                    + " use a new key for a new order");
        }
        return view(order);
    }

    private OrderView create(Viewer buyer, String accountId, String key, String requestHash, PlaceOrder c) {
        ProductOffer product = catalogue.offerTo(buyer, c.productId());
        if (buyer.is(Role.MERCHANT) && product.merchantOrgId().equals(buyer.organisationId())) {
            throw ApiProblem.invalidField("productId", "a merchant does not buy a licence to its own product");
        }
        // The token names the buyer's organisation as it was at sign-in; organisations are never removed.
        String buyerOrgId = buyer.organisationId();
        PricingPlan plan = product.plans().stream().filter(p -> p.id().equals(c.planId())).findFirst()
                .orElseThrow(() -> ApiProblem.invalidField("planId", "the product has no plan '" + c.planId() + "' open to you"));
        long amount = switch (plan.kind()) {
            case ONE_OFF, SUBSCRIPTION, PRIVATE_OFFER -> plan.priceMinor();
            case METERED -> 0; // calls are billed as they are used; the licence itself is free
        };
        // A suspended merchant takes no new orders; a buyer's credit score may cap what it orders.
        admission.requireMayOrder(product.merchantOrgId(), buyerOrgId, amount);
        var terms = product.licence().terms();
        OdrlPolicy.scenarioProblem(terms, c.scenario().purpose(), c.scenario().location()).ifPresent(problem -> {
            throw ApiProblem.invalidField("scenario", "the use scenario is outside the licence: " + problem);
        });
        boolean crossBorder = !Territory.isMainlandChina(c.buyerLocation()) || !Territory.isMainlandChina(c.scenario().location());
        ClassificationLevel level = product.level();
        if (crossBorder && !product.crossBorderAllowed()) {
            throw ApiProblem.invalidField("buyerLocation", "this product may not be traded or delivered abroad");
        }
        String agreementHashOfSecurity = null;
        Instant acceptedAt = null;
        if (level != ClassificationLevel.GENERAL) {
            if (!c.securityAgreementAccepted()) {
                throw ApiProblem.invalidField("securityAgreementAccepted", level + " data is sold only to buyers who accept"
                        + " the data-security agreement (数据安全协议)");
            }
            agreementHashOfSecurity = sha256(SECURITY_AGREEMENT_TEXT);
            acceptedAt = Instant.now();
            if (crossBorder && (c.exportAssessmentRef() == null || c.exportAssessmentRef().isBlank())) {
                throw ApiProblem.invalidField("exportAssessmentRef", level + " data goes abroad only with an export security"
                        + " assessment (数据出境安全评估) reference");
            }
        }
        String id = RecordId.next();
        Map<String, Object> agreement;
        try {
            agreement = OdrlPolicy.agreement("urn:dx:agreement:" + id, product.licence().odrl(), "urn:dx:org:" + buyerOrgId,
                    c.scenario().purpose(), c.scenario().location(), Instant.now());
        } catch (LicenceTermsException e) {
            throw ApiProblem.invalidField("scenario", e.getMessage());
        }
        List<RevenueSplit.Share> shares = revenueShares(product);
        boolean approvalRequired = level == ClassificationLevel.CORE;
        OrderDetails details = new OrderDetails(new OrderDetails.Scenario(c.scenario().purpose(), c.scenario().location()),
                c.buyerLocation(), crossBorder, level.name(), terms, agreement, RevenueSplit.split(amount, shares),
                new OrderDetails.Gates(approvalRequired, null, agreementHashOfSecurity, acceptedAt,
                        crossBorder ? c.exportAssessmentRef() : null), plan,
                plan.kind() == PricingPlan.Kind.SUBSCRIPTION ? plan.period() : null, null);
        OrderStatus status = approvalRequired ? OrderStatus.AWAITING_APPROVAL : OrderStatus.CREATED;
        Instant now = Instant.now();
        PurchaseOrder order = rows.save(new PurchaseOrder(id, key, requestHash, accountId, buyerOrgId, product.productId(),
                product.version(), plan.id(), amount, plan.currency(), status, 1,
                sha256(CanonicalJson.write(agreement)), null, null, null, null, now, now, false, null));
        detailRows.save(new OrderRepositories.DetailsRow(id, write(id, 1, details)));
        List<OrderRepositories.Transition> history = recordAll(List.of(new StatusChange(order.id(), null, status, approvalRequired
                ? "placed; core data: waiting for the regulator's approval" : "placed")), buyer.username());
        return view(order, history);
    }

    /**
     * Who shares a product's revenue: the merchant, each upstream contributor, each parent licence's merchant (a
     * derived product's royalties, out of its merchant's share) and the platform, in basis points; each
     * named as the ledger knows it and by the wallet its revenue goes to (a contributor's organisation when its party id
     * is a registered credit code, else the party id itself, as the platform's).
     */
    public List<RevenueSplit.Share> revenueShares(ProductOffer product) {
        List<RevenueSplit.Share> shares = new ArrayList<>();
        // A derived product's royalties come out of its merchant's share (the catalogue refused parents it cannot pay).
        int royalties = product.parents().stream().mapToInt(ProductDetails.ParentLicence::royaltyBp).sum();
        if (royalties > product.merchantShareBp()) {
            throw ApiProblem.ofField(org.dataexchange.marketplace.problem.ProblemType.ROYALTIES_EXCEED_PRICE,
                    "Royalties exceed the price", "productId", "the parents' royalties of product " + product.productId()
                            + " (" + royalties + " basis points) exceed its merchant's share (" + product.merchantShareBp() + ")");
        }
        shares.add(new RevenueSplit.Share(product.merchantCreditCode(), product.merchantOrgId(), SplitRole.MERCHANT,
                product.merchantShareBp() - royalties));
        for (ProductDetails.Contributor contributor : product.contributors()) {
            shares.add(new RevenueSplit.Share(contributor.partyId(), directory.holderOf(contributor.partyId())
                    .orElse(contributor.partyId()), SplitRole.CONTRIBUTOR, contributor.shareBp()));
        }
        for (ProductDetails.ParentLicence parent : product.parents()) {
            shares.add(new RevenueSplit.Share(parent.merchantCreditCode(), parent.merchantOrgId(), SplitRole.ROYALTY,
                    parent.royaltyBp(), parent.certificateId()));
        }
        shares.add(new RevenueSplit.Share("platform", "platform", SplitRole.PLATFORM, product.platformFeeBp()));
        return shares;
    }

    /** The organisation (or party) whose wallet a split line pays; lines of orders placed before they named it are looked up. */
    public String walletOwner(RevenueSplit.Line line) {
        return line.walletOwner(party -> directory.holderOf(party).orElse(party));
    }

    /**
     * A recurring charge under an order already agreed (a subscription's next period, a month of metered calls): a new
     * order under the same agreement, scenario and gates for {@code amount} split by {@code shares}, its licence covering
     * {@code window}, paid from the buyer's wallet into escrow and handed to settlement, in the caller's transaction.
     * Refused whole (409) when the wallet cannot pay. {@code billingKey} names the billed period; it is the order's
     * idempotency key, so a period is charged at most once.
     */
    public PurchaseOrder chargeRecurring(PurchaseOrder source, String version, String billingKey, long amount,
                                         List<RevenueSplit.Share> shares, LicenceWindow window, Instant at, String reason) {
        OrderDetails d = details(source).forCharge(RevenueSplit.split(amount, shares), window);
        String id = RecordId.next();
        Instant now = at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        PurchaseOrder created = rows.save(new PurchaseOrder(id, billingKey, sha256(billingKey), source.buyerAccountId(),
                source.buyerOrgId(), source.productId(), version, source.planId(), amount, source.currency(), OrderStatus.CREATED, 1,
                source.agreementHash(), null, null, null, null, now, now, false, null));
        detailRows.save(new OrderRepositories.DetailsRow(id, write(id, 1, d)));
        recordAll(List.of(new StatusChange(id, null, OrderStatus.CREATED, reason + " (under order " + source.id() + ")")), "billing");
        if (amount > 0) {
            wallets.post("ESCROW", "order " + id, "billing", created.currency(), List.of(
                    new Wallets.Posting(created.buyerOrgId(), Wallets.Kind.AVAILABLE, -amount),
                    new Wallets.Posting(created.buyerOrgId(), Wallets.Kind.ESCROW, amount)));
        }
        PurchaseOrder paid = created.paid(now);
        transitionTo(created, paid, "billing", "paid from the wallet; funds held in escrow until settlement");
        // The outbox runs on the worker's time, whatever the billing clock says.
        Instant due = Instant.now();
        outbox.save(OrderRepositories.OutboxItem.requested(id, due));
        paidOrders.increment();
        return paid;
    }

    /** Holds the price in escrow and requests settlement, in one transaction. */
    @Transactional
    public OrderView pay(Viewer buyer, String id) {
        PurchaseOrder order = ownOrder(buyer, id);
        if (order.status() == OrderStatus.PAID || order.status() == OrderStatus.SETTLING
                || order.status() == OrderStatus.SETTLED || order.status() == OrderStatus.DELIVERED) {
            return view(order); // paying twice is answered with the paid order
        }
        if (order.status() != OrderStatus.CREATED) {
            throw ApiProblem.conflict("Order cannot be paid", "an order " + order.status() + " cannot be paid"
                    + (order.status() == OrderStatus.AWAITING_APPROVAL ? "; the regulator has not approved it yet" : ""));
        }
        if (order.amountMinor() > 0) {
            wallets.post("ESCROW", "order " + id, buyer.username(), order.currency(), List.of(
                    new Wallets.Posting(order.buyerOrgId(), Wallets.Kind.AVAILABLE, -order.amountMinor()),
                    new Wallets.Posting(order.buyerOrgId(), Wallets.Kind.ESCROW, order.amountMinor())));
        }
        // As stored: the licence term starts here, and every retry of the settlement must issue the same certificate.
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        List<OrderRepositories.Transition> before = history(order);
        PurchaseOrder paid = order.paid(now);
        List<OrderRepositories.Transition> paying = transitionTo(order, paid, buyer.username(),
                "paid; funds held in escrow until settlement");
        outbox.save(OrderRepositories.OutboxItem.requested(id, now));
        paidOrders.increment();
        PricingPlan.Period period = details(paid).subscriptionPeriod();
        if (period != null) {
            subscriptions.save(Subscription.start(paid, period)); // auto-renew is on until the buyer turns it off
        }
        return view(paid, concat(before, paying));
    }

    /**
     * Takes the payment of a CREATED order whose trade the ledger already holds: the buyer's payment was committed and
     * settled, then the books lost it (an exchange before durable commits, a database restored from a backup). It is
     * charged once, as {@link #pay} charges, with the licence term the ledger's certificate states, and settles through
     * the outbox, where the ledger answers ALREADY_SETTLED. Refused (nothing written) when the order is no longer
     * CREATED or already has a settlement request, and when the buyer's wallet cannot pay (409).
     */
    @Transactional
    public boolean payFoundOnLedger(String id, Instant paidAt, String reason) {
        PurchaseOrder order = orders.findById(id).orElseThrow(() -> ApiProblem.notFound("no order " + id));
        // The outbox row's primary key also stops a buyer's own payment running at the same moment: one of the two fails.
        if (order.status() != OrderStatus.CREATED || outbox.existsById(id)) {
            return false;
        }
        if (order.amountMinor() > 0) {
            wallets.post("ESCROW", "order " + id, "books-check", order.currency(), List.of(
                    new Wallets.Posting(order.buyerOrgId(), Wallets.Kind.AVAILABLE, -order.amountMinor()),
                    new Wallets.Posting(order.buyerOrgId(), Wallets.Kind.ESCROW, order.amountMinor())));
        }
        Instant at = paidAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        transitionTo(order, order.paid(at), "books-check", reason);
        outbox.save(OrderRepositories.OutboxItem.requested(id, Instant.now()));
        return true;
    }

    @Transactional
    public OrderView cancel(Viewer buyer, String id) {
        ownOrder(buyer, id);
        return view(move(id, PurchaseOrder::cancelled, buyer.username(), "cancelled by the buyer before payment"));
    }

    /** The regulator's decision on a core-data order, with its reference. */
    @Transactional
    public OrderView decide(Viewer regulator, String id, boolean approve, String reference) {
        if (!regulator.is(Role.REGULATOR)) {
            throw ApiProblem.forbidden("only the regulator approves core-data trades");
        }
        if (reference == null || reference.isBlank()) {
            throw ApiProblem.invalidField("reference", "give the approval or refusal reference");
        }
        PurchaseOrder order = orders.findById(id).orElseThrow(() -> ApiProblem.notFound("no order " + id));
        if (order.status() != OrderStatus.AWAITING_APPROVAL) {
            throw ApiProblem.conflict("Not awaiting approval", "order " + id + " is " + order.status());
        }
        if (!approve) {
            credit.record(order.buyerOrgId(), org.dataexchange.marketplace.credit.CreditEventKind.REFUSED_TRADE,
                    org.dataexchange.marketplace.credit.CreditRecord.Source.REGULATOR, "order:" + id,
                    "core-data trade refused by the regulator: " + reference, java.time.Instant.now());
            return view(move(id, PurchaseOrder::cancelled, regulator.username(), "refused by the regulator: " + reference));
        }
        return view(move(id, o -> {
            OrderDetails d = details(o);
            return changeDetails(o, d.withGates(d.gates().approved(reference))).approved();
        }, regulator.username(), "approved by the regulator: " + reference));
    }

    public OrderView get(Viewer viewer, String id) {
        PurchaseOrder order = orders.findById(id).orElseThrow(() -> ApiProblem.notFound("no order " + id));
        boolean buyerOwn = OrderBook.heldBy(viewer, order);
        boolean staff = viewer.is(Role.OPERATOR) || viewer.is(Role.REGULATOR);
        boolean seller = viewer.is(Role.MERCHANT) && catalogue.merchantOf(order.productId()).equals(viewer.organisationId());
        if (!buyerOwn && !staff && !seller) {
            throw ApiProblem.notFound("no order " + id + " of yours");
        }
        return view(order);
    }

    /**
     * The order whose licence the viewer's organisation holds (BUYER or MERCHANT account), or not found; the seller,
     * the operator and the regulator, who may see the order, get not found here (see {@link OrderBook#heldBy}).
     */
    public OrderView held(Viewer holder, String id) {
        return view(ownOrder(holder, id));
    }

    /** The buyer organisation's own order, or not found (for what its buyer does about it, say a rating). */
    public PurchaseOrder buyersOrder(Viewer buyer, String id) {
        return ownOrder(buyer, id);
    }

    /** The plan each of these orders was placed under, as its details recorded it (for comparing trades' prices). */
    public Map<String, PricingPlan> plansOf(java.util.Collection<String> orderIds) {
        Map<String, PricingPlan> plans = new java.util.HashMap<>();
        if (!orderIds.isEmpty()) {
            orders.findByIdIn(orderIds).forEach(o -> plans.put(o.id(), details(o).plan()));
        }
        return plans;
    }

    public List<OrderView> mine(Viewer buyer) {
        return orders.findByBuyerOrgIdOrderByCreatedAtDesc(buyer.organisationId()).stream().map(this::view).toList();
    }

    /**
     * Moves one order by one of its transitions ({@code new OrderTransition.Delivered()}, ...), in the caller's
     * transaction or its own: the order row is locked and the transition applied to the order as it is now, so two
     * changes at once cannot both start from the same status; a transition its status does not allow is refused (409)
     * and nothing is written. Writes the order and records the transition; answers the changed order.
     */
    @Transactional
    public PurchaseOrder apply(String orderId, OrderTransition transition, String actor, String reason) {
        return move(orderId, transition::applyTo, actor, reason);
    }

    private PurchaseOrder move(String orderId, java.util.function.UnaryOperator<PurchaseOrder> transition, String actor,
                               String reason) {
        PurchaseOrder current = orders.lock(orderId).orElseThrow(() -> ApiProblem.notFound("no order " + orderId));
        PurchaseOrder changed = transition.apply(current);
        transitionTo(current, changed, actor, reason);
        return changed;
    }

    /**
     * One move of a batch: the order as the caller read it in its transaction (a worker that holds the order's lease, so
     * nobody else moves it meanwhile), the transition, and why (recorded when the status changes).
     */
    public record Step(PurchaseOrder order, OrderTransition transition, String reason) {}

    /**
     * Moves many orders in the caller's transaction with one batched write of the orders and one of their transitions
     * (settlement's batches). Each transition is checked against the order's status as read; one the status does not
     * allow refuses the whole batch (409), so that the caller's transaction writes nothing. Answers the changed orders.
     */
    public List<PurchaseOrder> applyAll(List<Step> steps, String actor) {
        if (steps.isEmpty()) {
            return List.of();
        }
        List<PurchaseOrder> changed = new ArrayList<>(steps.size());
        List<StatusChange> moves = new ArrayList<>();
        for (Step step : steps) {
            PurchaseOrder after = step.transition().applyTo(step.order());
            changed.add(after);
            if (after.status() != step.order().status()) {
                moves.add(new StatusChange(after.id(), step.order().status(), after.status(), step.reason()));
            }
        }
        rows.updateAll(changed);
        recordAll(moves, actor);
        return changed;
    }

    /**
     * Keeps a licence revocation the ledger holds on the order too, so that delivery and metered calls refuse access
     * without asking the ledger: the order row locked, the flag set in the caller's transaction or its own. Answers
     * whether the order exists.
     */
    @Transactional
    public boolean markLicenceRevoked(String orderId) {
        return orders.lock(orderId).map(o -> {
            if (!o.licenceRevoked()) {
                rows.update(o.revoked());
            }
            return true;
        }).orElse(false);
    }

    /**
     * Writes the order at its new status and records the transition; answers the recorded transition (none for a change
     * within the status, such as a certificate that was awaited).
     */
    private List<OrderRepositories.Transition> transitionTo(PurchaseOrder order, PurchaseOrder changed, String actor, String reason) {
        if (changed.status() == order.status()) {
            rows.update(changed);
            return List.of();
        }
        if (!order.status().canBecome(changed.status())) {
            throw ApiProblem.conflict("Status change not allowed", "an order " + order.status() + " cannot become "
                    + changed.status());
        }
        rows.update(changed);
        return recordAll(List.of(new StatusChange(order.id(), order.status(), changed.status(), reason)), actor);
    }

    /** A transition of one order, to record with others of the same actor. */
    record StatusChange(String orderId, OrderStatus from, OrderStatus to, String reason) {}

    /**
     * Records transitions of many orders (the order history and the audit log), with batched inserts; answers the
     * recorded transitions.
     */
    private List<OrderRepositories.Transition> recordAll(List<StatusChange> changes, String actor) {
        if (changes.isEmpty()) {
            return List.of();
        }
        // As stored (the column keeps microseconds), so that the history a response shows is the one read back later.
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        audit.recordAll(changes.stream().map(c -> new org.dataexchange.marketplace.audit.AuditLog.Action(actor, null,
                "ORDER_" + c.to(), "order:" + c.orderId(), (c.from() == null ? "" : c.from() + " -> ") + c.to() + ": " + c.reason()))
                .toList());
        List<OrderRepositories.Transition> recorded = changes.stream().map(c -> new OrderRepositories.Transition(RecordId.next(),
                c.orderId(), c.from(), c.to(), actor, c.reason(), now)).toList();
        transitions.saveAll(recorded);
        afterCommit(() -> recorded.forEach(this::extendHistory));
        return recorded;
    }

    /** Adds a committed transition to the order's kept history, or forgets a history it does not continue. */
    private void extendHistory(OrderRepositories.Transition t) {
        if (t.fromStatus() == null) {
            histories.put(t.orderId(), List.of(t));
            return;
        }
        histories.asMap().computeIfPresent(t.orderId(), (id, kept) ->
                kept.get(kept.size() - 1).toStatus() == t.fromStatus() ? concat(kept, List.of(t)) : null);
    }

    /** The order's transitions, oldest first. */
    private List<OrderRepositories.Transition> history(PurchaseOrder o) {
        List<OrderRepositories.Transition> kept = histories.getIfPresent(o.id());
        if (kept != null && kept.get(kept.size() - 1).toStatus() == o.status()) {
            return kept;
        }
        List<OrderRepositories.Transition> read = List.copyOf(transitions.findByOrderIdOrderByAt(o.id()));
        if (!read.isEmpty() && read.get(read.size() - 1).toStatus() == o.status()) {
            afterCommit(() -> histories.put(o.id(), read));
        }
        return read;
    }

    /** Runs once the surrounding transaction commits, or now when there is none. */
    private void afterCommit(Runnable action) {
        var status = tx.findTransactionStatus();
        if (status.isEmpty()) {
            action.run();
            return;
        }
        status.get().registerSynchronization(new io.micronaut.transaction.support.TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /**
     * Buyers buy; so do merchants, whose organisation then holds the licence like any buyer (a merchant licensing data
     * to derive a product of its own from it).
     */
    static boolean mayBuy(Viewer viewer) {
        return viewer.is(Role.BUYER) || viewer.is(Role.MERCHANT);
    }

    private PurchaseOrder ownOrder(Viewer buyer, String id) {
        PurchaseOrder order = orders.findById(id).orElseThrow(() -> ApiProblem.notFound("no order " + id));
        if (!OrderBook.heldBy(buyer, order)) {
            throw ApiProblem.notFound("no order " + id + " of yours");
        }
        return order;
    }

    public OrderView view(PurchaseOrder o) {
        return view(o, history(o));
    }

    private OrderView view(PurchaseOrder o, List<OrderRepositories.Transition> history) {
        return new OrderView(o.id(), o.productId(), o.productVersion(), o.planId(), o.amountMinor(), o.currency(), o.status(),
                details(o), o.agreementHash(), o.transactionId(), o.blockNumber(), o.certificateId(), o.failureReason(),
                history, o.createdAt(), o.paidAt(), refundViews(o));
    }

    /** Only a settled trade can have been refunded by a decision; the orders in motion skip the query. */
    private List<OrderView.RefundView> refundViews(PurchaseOrder o) {
        if (o.status() != OrderStatus.SETTLED && o.status() != OrderStatus.DELIVERED
                && !(o.status() == OrderStatus.REFUNDED && o.transactionId() != null)) {
            return List.of();
        }
        return refunds(o.id()).stream().map(r -> new OrderView.RefundView(r.complaintId(), r.decision(), r.amountMinor(),
                r.currency(), refundLines(r), r.decidedBy(), r.decidedAt())).toList();
    }

    /** The refunds complaint decisions gave on an order, oldest first. */
    public List<OrderRepositories.Refund> refunds(String orderId) {
        return refunds.findByOrderIdOrderByDecidedAt(orderId);
    }

    /** Every refund complaint decisions gave (reconciliation compares them with the ledger's dispute outcomes). */
    public List<OrderRepositories.Refund> allRefunds() {
        return refunds.findAllOrderByDecidedAt();
    }

    public List<OrderRepositories.RefundLine> refundLines(OrderRepositories.Refund refund) {
        try {
            return List.of(json.readValue(refund.linesJson(), OrderRepositories.RefundLine[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Records a refund on a settled order, in the caller's transaction (which posted the money): a full refund also
     * moves the order to REFUNDED by its own transition; a partial one leaves its status, the refund listed on it.
     */
    @Transactional
    public OrderRepositories.Refund recordRefund(PurchaseOrder order, String complaintId, boolean full, long amountMinor,
                                                 List<OrderRepositories.RefundLine> lines, String actor, String reason) {
        String linesJson;
        try {
            linesJson = json.writeValueAsString(lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        OrderRepositories.Refund refund = refunds.save(new OrderRepositories.Refund(RecordId.next(), order.id(), complaintId,
                full ? "FULL_REFUND" : "PARTIAL_REFUND", amountMinor, order.currency(), linesJson, actor, now));
        if (full) {
            move(order.id(), o -> o.refundedInFull(reason), actor, reason);
        } else {
            audit.record(actor, "OPERATOR", "ORDER_PARTIAL_REFUND", "order:" + order.id(), amountMinor + " " + order.currency()
                    + ": " + reason);
        }
        return refund;
    }

    public OrderDetails details(PurchaseOrder o) {
        ParsedDetails hit = parsed.getIfPresent(o.id());
        if (hit != null && hit.version() == o.detailsVersion()) {
            return hit.details();
        }
        OrderRepositories.DetailsRow row = detailRows.findById(o.id())
                .orElseThrow(() -> new IllegalStateException("order " + o.id() + " has no details"));
        try {
            OrderDetails d = json.readValue(row.detailsJson(), OrderDetails.class);
            // Read after the order, the row is never older than the order's version; at worst it is newer.
            parsed.put(o.id(), new ParsedDetails(o.detailsVersion(), d));
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The order with new details: its details row rewritten at the next version (the caller updates the order). */
    private PurchaseOrder changeDetails(PurchaseOrder order, OrderDetails d) {
        PurchaseOrder changed = order.withNewDetails();
        detailRows.update(new OrderRepositories.DetailsRow(order.id(), write(order.id(), changed.detailsVersion(), d)));
        return changed;
    }

    /** The order's details as stored; kept parsed too, since the order is read back right after it is written. */
    private String write(String orderId, int version, OrderDetails d) {
        try {
            String written = json.writeValueAsString(d);
            parsed.put(orderId, new ParsedDetails(version, d));
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

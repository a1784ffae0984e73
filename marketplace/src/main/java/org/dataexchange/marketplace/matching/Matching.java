package org.dataexchange.marketplace.matching;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.trade.SettlementCurrency;
import org.dataexchange.marketplace.RecurringTask;
import org.dataexchange.marketplace.account.Role;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.audit.AuditLog;
import org.dataexchange.marketplace.catalogue.CatalogueService;
import org.dataexchange.marketplace.catalogue.Industry;
import org.dataexchange.marketplace.catalogue.MerchantProducts;
import org.dataexchange.marketplace.catalogue.PricingPlan;
import org.dataexchange.marketplace.catalogue.ProductSheet;
import org.dataexchange.marketplace.catalogue.ProductStatus;
import org.dataexchange.marketplace.catalogue.ProductSummary;
import org.dataexchange.marketplace.matching.MatchingViews.AcceptAnswer;
import org.dataexchange.marketplace.matching.MatchingViews.Accepted;
import org.dataexchange.marketplace.matching.MatchingViews.AnswerNeed;
import org.dataexchange.marketplace.matching.MatchingViews.AnswerView;
import org.dataexchange.marketplace.matching.MatchingViews.NeedPage;
import org.dataexchange.marketplace.matching.MatchingViews.NeedView;
import org.dataexchange.marketplace.matching.MatchingViews.NeedWithAnswers;
import org.dataexchange.marketplace.matching.MatchingViews.PostNeed;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.OrderView;
import org.dataexchange.marketplace.order.PlaceOrder;
import org.dataexchange.marketplace.organisation.Organisation;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;
import org.dataexchange.marketplace.problem.ApiProblem;

/**
 * Matching (交易撮合). A buyer posts a need; merchants find it (the catalogue's search) and answer it with a private
 * offer on one of their listed products, made through the catalogue as any private offer is (its plan and licence checks)
 * and so under the product's reviewed licence; the buyer compares the answers and accepts one, which places an ordinary
 * order on that private offer (the order path, its gates, escrow, settlement and ledger record unchanged) and closes the
 * need. A need not matched by its deadline expires (a round every {@code exchange.matching.expire-every}, 30 s, and
 * needs past their deadline are never found nor accepted meanwhile).
 */
@Singleton
public class Matching {

    /** The longest a need stays open. */
    static final Duration MAX_OPEN = Duration.ofDays(366);
    /** Who closes a need at its deadline, in the products' histories and the audit log. */
    private static final Viewer EXPIRY = new Viewer("need-expiry", null, null);

    private final MatchingRepositories.Needs needs;
    private final MatchingRepositories.Answers answers;
    private final NeedSearch search;
    private final CatalogueService catalogue;
    private final MerchantProducts merchantProducts;
    private final OrderService orders;
    private final OrganisationDirectory organisations;
    private final AuditLog audit;
    private final TransactionOperations<Connection> tx;
    private final Duration expireEvery;
    private final RecurringTask expiry = new RecurringTask("need-expiry");

    Matching(MatchingRepositories.Needs needs, MatchingRepositories.Answers answers, NeedSearch search,
             CatalogueService catalogue, MerchantProducts merchantProducts, OrderService orders,
             OrganisationDirectory organisations, AuditLog audit, TransactionOperations<Connection> tx,
             @Value("${exchange.matching.expire-every:30s}") Duration expireEvery) {
        this.needs = needs;
        this.answers = answers;
        this.search = search;
        this.catalogue = catalogue;
        this.merchantProducts = merchantProducts;
        this.orders = orders;
        this.organisations = organisations;
        this.audit = audit;
        this.tx = tx;
        this.expireEvery = expireEvery;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        needs.findByStateOrderByDeadline(NeedState.OPEN).forEach(search::index);
        expiry.start(expireEvery, expireEvery, this::expireDue);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        expiry.close();
    }

    // ---- buyers

    public NeedView post(Viewer buyer, String accountId, PostNeed c) {
        require(buyer, Role.BUYER, "data needs are posted by BUYER accounts");
        if (!SettlementCurrency.CODES.contains(c.budget().currency())) {
            throw ApiProblem.invalidField("budget.currency", "'" + c.budget().currency() + "' is not a settlement currency;"
                    + " use one of " + SettlementCurrency.CODES.stream().sorted().toList());
        }
        if (c.budget().maxMinor() < c.budget().minMinor() || c.budget().maxMinor() == 0) {
            throw ApiProblem.invalidField("budget.maxMinor", "the budget's upper end is above 0 and not below its lower end");
        }
        Instant now = Instant.now();
        if (!c.deadline().isAfter(now.plusSeconds(60)) || c.deadline().isAfter(now.plus(MAX_OPEN))) {
            throw ApiProblem.invalidField("deadline", "the deadline is at least a minute and at most 366 days ahead");
        }
        String classifications = c.acceptableClassifications().stream().map(Enum::name).sorted()
                .collect(Collectors.joining(","));
        DataNeed need = new DataNeed(UUID.randomUUID().toString(), buyer.organisationId(), accountId, buyer.username(),
                c.title().strip(), c.description().strip(), c.industry(), c.scenario().purpose().strip(),
                c.scenario().location(), c.budget().minMinor(), c.budget().maxMinor(), c.budget().currency(), c.deadline(),
                classifications, NeedState.OPEN, null, null, null, now, now);
        tx.executeWrite(status -> {
            needs.save(need);
            audit.record(buyer.username(), "BUYER", "NEED_POSTED", "need " + need.id(), need.title());
            return null;
        });
        search.index(need);
        return view(need, 0);
    }

    public List<NeedView> mine(Viewer buyer) {
        require(buyer, Role.BUYER, "a buyer's needs are read by BUYER accounts");
        return views(needs.findByBuyerOrgIdOrderByCreatedAtDesc(buyer.organisationId()));
    }

    /** A need: for its buyer, any merchant while it is open (or once it answered it), the operator. */
    public NeedView get(Viewer viewer, String id) {
        DataNeed need = visible(viewer, id);
        return view(need, answers.findByNeedIdOrderByCreatedAt(need.id()).size());
    }

    /** The answers side by side, for the need's buyer (and the operator). */
    public List<AnswerView> answersOf(Viewer viewer, String needId) {
        DataNeed need = needs.findById(needId).orElseThrow(() -> ApiProblem.notFound("no need " + needId));
        if (!(viewer.is(Role.OPERATOR) || viewer.is(Role.BUYER) && need.buyerOrgId().equals(viewer.organisationId()))) {
            throw viewer.is(Role.BUYER) ? ApiProblem.notFound("no need " + needId + " of your organisation")
                    : ApiProblem.forbidden("answers are seen by the need's buyer and the operator");
        }
        return answers.findByNeedIdOrderByCreatedAt(needId).stream().map(a -> answerView(a, need)).toList();
    }

    public NeedView withdraw(Viewer buyer, String id) {
        DataNeed need = own(buyer, id);
        Instant now = Instant.now();
        tx.executeWrite(status -> {
            close(need, NeedState.WITHDRAWN, "withdrawn by the buyer", buyer, now);
            audit.record(buyer.username(), "BUYER", "NEED_WITHDRAWN", "need " + id, "withdrawn by the buyer");
            return null;
        });
        return reindexed(id);
    }

    /**
     * Accepts an answer: the need moves OPEN → MATCHED first (a conditional update, so of two acceptances at once one
     * wins), then the order is placed on the answer's private offer through the order path with the need's scenario,
     * all in one transaction: a refused order (say, a gate) leaves the need open and its answers offered.
     */
    public Accepted accept(Viewer buyer, String accountId, String needId, String answerId, AcceptAnswer c) {
        DataNeed need = own(buyer, needId);
        NeedAnswer answer = answers.findById(answerId).filter(a -> a.needId().equals(needId))
                .orElseThrow(() -> ApiProblem.notFound("no answer " + answerId + " to need " + needId));
        Instant now = Instant.now();
        if (!need.openAt(now)) {
            throw ApiProblem.conflict("Need closed", "need " + needId + " is " + (need.state() == NeedState.OPEN
                    ? "past its deadline " + need.deadline() : need.state()) + "; no answer can be accepted");
        }
        if (answer.state() != AnswerState.OFFERED) {
            throw ApiProblem.conflict("Answer not offered", "answer " + answerId + " is " + answer.state());
        }
        OrderView order = tx.executeWrite(status -> {
            if (needs.move(needId, NeedState.OPEN.name(), NeedState.MATCHED.name(), answerId, null,
                    "answer " + answerId + " accepted", now) != 1) {
                throw ApiProblem.conflict("Need closed", "need " + needId + " was closed or matched meanwhile");
            }
            OrderView placed = orders.place(buyer, accountId, "need:" + needId, new PlaceOrder(answer.productId(),
                    answer.planId(), new PlaceOrder.Scenario(need.scenarioPurpose(), need.scenarioLocation()),
                    c.buyerLocation(), c.securityAgreementAccepted(), c.exportAssessmentRef()));
            needs.move(needId, NeedState.MATCHED.name(), NeedState.MATCHED.name(), answerId, placed.id(),
                    "answer " + answerId + " accepted: order " + placed.id(), now);
            answers.move(answerId, AnswerState.OFFERED.name(), AnswerState.ACCEPTED.name(), placed.id(), now);
            notChosen(needId, buyer, "need " + needId + " matched by another answer", now);
            audit.record(buyer.username(), "BUYER", "NEED_MATCHED", "need " + needId, "answer " + answerId + " of product "
                    + answer.productId() + " accepted, order " + placed.id());
            return placed;
        });
        NeedView closed = reindexed(needId);
        NeedAnswer accepted = answers.findById(answerId).orElseThrow();
        return new Accepted(closed, answerView(accepted, needs.findById(needId).orElseThrow()), order);
    }

    // ---- merchants

    /** Open needs for merchants, found the way the catalogue finds products. */
    public NeedPage search(Viewer merchant, @Nullable String q, @Nullable Industry industry,
                           @Nullable ClassificationLevel classification, int page, int size) {
        require(merchant, Role.MERCHANT, "needs are searched by MERCHANT accounts");
        if (page < 0 || page > 1000) {
            throw ApiProblem.invalidField("page", "page is 0 to 1000");
        }
        if (size < 1 || size > 100) {
            throw ApiProblem.invalidField("size", "size is 1 to 100");
        }
        if (q != null && q.length() > 200) {
            throw ApiProblem.invalidField("q", "search text is at most 200 characters");
        }
        NeedSearch.Hits hits = search.search(q, industry, classification, Instant.now(), page, size);
        Map<String, DataNeed> byId = hits.ids().isEmpty() ? Map.of()
                : needs.findByIdIn(hits.ids()).stream().collect(Collectors.toMap(DataNeed::id, Function.identity()));
        List<NeedView> content = views(hits.ids().stream().map(byId::get).filter(Objects::nonNull).toList());
        return new NeedPage(content, hits.total(), page, size);
    }

    /**
     * Answers an open need with a private offer on one of the merchant's listed products, at a classification the
     * buyer accepts and in the need's currency. One answer per merchant organisation and need.
     */
    public AnswerView answer(Viewer merchant, String needId, AnswerNeed c) {
        require(merchant, Role.MERCHANT, "needs are answered by MERCHANT accounts");
        DataNeed need = needs.findById(needId).orElseThrow(() -> ApiProblem.notFound("no need " + needId));
        Instant now = Instant.now();
        if (!need.openAt(now)) {
            throw ApiProblem.conflict("Need closed", "need " + needId + " is not open for answers");
        }
        ProductSummary product = ownListed(merchant, c.productId());
        if (!need.acceptable().contains(product.classificationLevel())) {
            throw ApiProblem.invalidField("productId", "the buyer accepts " + need.acceptable() + " data; product "
                    + product.id() + " is " + product.classificationLevel());
        }
        if (!need.currency().equals(product.currency())) {
            throw ApiProblem.invalidField("productId", "the need's budget is in " + need.currency() + "; product "
                    + product.id() + " is sold in " + product.currency());
        }
        if (answers.existsByNeedIdAndMerchantOrgId(needId, merchant.organisationId())) {
            throw ApiProblem.conflict("Already answered", "your organisation already answered need " + needId);
        }
        String answerId = UUID.randomUUID().toString();
        PricingPlan offer = new PricingPlan("need-" + answerId.replace("-", ""), PricingPlan.Kind.PRIVATE_OFFER,
                need.currency(), c.priceMinor(), null, 0, 0, 0, organisations.creditCodeOf(need.buyerOrgId()),
                c.deliveryModes() == null || c.deliveryModes().isEmpty() ? null : c.deliveryModes());
        NeedAnswer answer = new NeedAnswer(answerId, needId, merchant.organisationId(), merchant.username(), product.id(),
                offer.id(), c.priceMinor(), need.currency(), c.note() == null ? "" : c.note().strip(), AnswerState.OFFERED,
                null, now, now);
        tx.executeWrite(status -> {
            merchantProducts.offerPrivately(merchant, product.id(), offer);
            answers.save(answer);
            audit.record(merchant.username(), "MERCHANT", "NEED_ANSWERED", "need " + needId, "private offer " + offer.id()
                    + " on product " + product.id() + ", " + c.priceMinor() + " " + need.currency());
            return null;
        });
        return answerView(answer, need);
    }

    /** The merchant organisation's answers with their needs, newest first. */
    public List<NeedWithAnswers> answersOfMerchant(Viewer merchant) {
        require(merchant, Role.MERCHANT, "a merchant's answers are read by MERCHANT accounts");
        List<NeedAnswer> own = answers.findByMerchantOrgIdOrderByCreatedAtDesc(merchant.organisationId());
        Map<String, DataNeed> byId = own.isEmpty() ? Map.of() : needs.findByIdIn(own.stream().map(NeedAnswer::needId)
                .collect(Collectors.toSet())).stream().collect(Collectors.toMap(DataNeed::id, Function.identity()));
        return own.stream().map(a -> new NeedWithAnswers(view(byId.get(a.needId()), -1), List.of(answerView(a,
                byId.get(a.needId()))))).toList();
    }

    // ---- the operator and the regulator

    /** Every need with its answers, newest first. */
    public List<NeedWithAnswers> all(Viewer operator) {
        require(operator, Role.OPERATOR, "all needs are seen by the OPERATOR");
        return needs.listOrderByCreatedAtDesc().stream().map(n -> {
            List<AnswerView> as = answers.findByNeedIdOrderByCreatedAt(n.id()).stream().map(a -> answerView(a, n)).toList();
            return new NeedWithAnswers(view(n, as.size()), as);
        }).toList();
    }

    /** Of these orders, those placed by accepting an answer to a need (the regulator's "matched" marker). */
    public Set<String> matchedOrders(Collection<String> orderIds) {
        if (orderIds.isEmpty()) {
            return Set.of();
        }
        Set<String> matched = new HashSet<>();
        answers.findByOrderIdIn(orderIds).forEach(a -> matched.add(a.orderId()));
        return matched;
    }

    /** Closes the open needs whose deadline has passed; their answers are not chosen. */
    void expireDue() {
        Instant now = Instant.now();
        List<DataNeed> due = needs.due(now);
        for (DataNeed need : due) {
            boolean closed = tx.executeWrite(status -> close(need, NeedState.EXPIRED, "deadline " + need.deadline()
                    + " passed", EXPIRY, now));
            if (closed) {
                reindexed(need.id());
            }
        }
    }

    // ---- helpers

    private boolean close(DataNeed need, NeedState to, String reason, Viewer actor, Instant now) {
        if (!need.state().canBecome(to)) {
            throw ApiProblem.conflict("Need closed", "need " + need.id() + " is " + need.state());
        }
        if (needs.move(need.id(), NeedState.OPEN.name(), to.name(), null, null, reason, now) != 1) {
            return false;
        }
        notChosen(need.id(), actor, "need " + need.id() + " " + to.name().toLowerCase(java.util.Locale.ROOT), now);
        return true;
    }

    /**
     * The answers still offered are not chosen, and their private offers come off their products: a price made for this
     * need is not on sale to its buyer once the need is closed.
     */
    private void notChosen(String needId, Viewer actor, String reason, Instant now) {
        List<NeedAnswer> open = answers.findByNeedIdOrderByCreatedAt(needId).stream()
                .filter(a -> a.state() == AnswerState.OFFERED).toList();
        answers.closeOffered(needId, AnswerState.NOT_CHOSEN.name(), now);
        open.forEach(a -> merchantProducts.withdrawPrivateOffers(a.productId(), List.of(a.planId()), actor, reason));
    }

    private NeedView reindexed(String id) {
        DataNeed need = needs.findById(id).orElseThrow();
        search.index(need);
        return view(need, answers.findByNeedIdOrderByCreatedAt(id).size());
    }

    private DataNeed own(Viewer buyer, String id) {
        require(buyer, Role.BUYER, "needs are managed by their BUYER");
        return needs.findById(id).filter(n -> n.buyerOrgId().equals(buyer.organisationId()))
                .orElseThrow(() -> ApiProblem.notFound("no need " + id + " of your organisation"));
    }

    private DataNeed visible(Viewer viewer, String id) {
        if (!(viewer.is(Role.BUYER) || viewer.is(Role.MERCHANT) || viewer.is(Role.OPERATOR))) {
            throw ApiProblem.forbidden("needs are seen by their buyer, merchants and the operator");
        }
        DataNeed need = needs.findById(id).orElseThrow(() -> ApiProblem.notFound("no need " + id));
        boolean visible = viewer.is(Role.OPERATOR)
                || viewer.is(Role.BUYER) && need.buyerOrgId().equals(viewer.organisationId())
                || viewer.is(Role.MERCHANT) && (need.openAt(Instant.now())
                        || answers.existsByNeedIdAndMerchantOrgId(id, viewer.organisationId()));
        if (!visible) {
            throw ApiProblem.notFound("no need " + id);
        }
        return need;
    }

    private ProductSummary ownListed(Viewer merchant, String productId) {
        ProductSummary product;
        try {
            product = catalogue.summary(productId);
        } catch (ApiProblem notFound) {
            throw ApiProblem.invalidField("productId", "no listed product " + productId + " of your organisation");
        }
        if (!catalogue.merchantOf(productId).equals(merchant.organisationId()) || product.status() != ProductStatus.LISTED) {
            throw ApiProblem.invalidField("productId", "no listed product " + productId + " of your organisation");
        }
        return product;
    }

    private static void require(Viewer viewer, Role role, String why) {
        if (!viewer.is(role)) {
            throw ApiProblem.forbidden(why);
        }
    }

    private List<NeedView> views(List<DataNeed> list) {
        return list.stream().map(n -> view(n, answers.findByNeedIdOrderByCreatedAt(n.id()).size())).toList();
    }

    /** The need as shown; an open need past its deadline shows as EXPIRED before the round closes it. */
    private NeedView view(DataNeed n, int answerCount) {
        NeedState shown = n.state() == NeedState.OPEN && !n.openAt(Instant.now()) ? NeedState.EXPIRED : n.state();
        return new NeedView(n.id(), n.title(), n.description(), n.industry(),
                new MatchingViews.Scenario(n.scenarioPurpose(), n.scenarioLocation()),
                new MatchingViews.Budget(n.budgetMinMinor(), n.budgetMaxMinor(), n.currency()), n.deadline(),
                n.acceptable().stream().toList(), shown,
                organisations.find(n.buyerOrgId()).map(Organisation::name).orElse(""), Math.max(answerCount, 0),
                n.acceptedAnswerId(), n.orderId(), n.closedReason(), n.createdAt());
    }

    private AnswerView answerView(NeedAnswer a, DataNeed need) {
        ProductSummary product = catalogue.summary(a.productId());
        String zh = null;
        String en = null;
        Long publicPrice = null;
        try {
            ProductSheet sheet = catalogue.sheet(Viewer.ANONYMOUS, a.productId());
            zh = sheet.licence().summaryZh();
            en = sheet.licence().summaryEn();
            publicPrice = sheet.pricingPlans().stream().filter(p -> p.kind() == PricingPlan.Kind.ONE_OFF)
                    .map(PricingPlan::priceMinor).min(Long::compare).orElse(null);
        } catch (ApiProblem unlisted) {
            // delisted since: the answer still shows, without the listed terms
        }
        return new AnswerView(a.id(), a.needId(), a.merchantOrgId(), product.merchantName(), a.productId(), product.title(),
                product.classificationLevel(), product.industry(), product.deliveryModes(), a.planId(), a.priceMinor(),
                a.currency(), need != null && a.priceMinor() >= need.budgetMinMinor() && a.priceMinor() <= need.budgetMaxMinor(),
                publicPrice, zh, en, a.note(), a.state(), a.orderId(), a.createdAt());
    }
}

package org.dataexchange.marketplace.rating;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.dataexchange.marketplace.account.Role;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.audit.AuditLog;
import org.dataexchange.marketplace.catalogue.CatalogueService;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.OrderStatus;
import org.dataexchange.marketplace.order.PurchaseOrder;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.marketplace.rating.RatingViews.ProductRatings;
import org.dataexchange.marketplace.rating.RatingViews.PublicRating;
import org.dataexchange.marketplace.rating.RatingViews.RatingView;

/**
 * Ratings. Only the order's buyer organisation rates, once per order and only once the order was delivered (the
 * product was received, so the rating is about it). The merchant answers each rating once. Text with a blocked word
 * ({@link BlockedWords}) is held off the sheet and queued; a report by one of the rating's parties queues it while it
 * stays shown; the operator keeps or hides a queued rating. A hidden or held rating is neither shown nor counted.
 */
@Singleton
public class Ratings {

    private final RatingRepositories.Ratings ratings;
    private final RatingRepositories.Reports reports;
    private final OrderService orders;
    private final CatalogueService catalogue;
    private final BlockedWords blocked;
    private final AuditLog audit;
    private final TransactionOperations<Connection> tx;

    Ratings(RatingRepositories.Ratings ratings, RatingRepositories.Reports reports, OrderService orders,
            CatalogueService catalogue, BlockedWords blocked, AuditLog audit, TransactionOperations<Connection> tx) {
        this.ratings = ratings;
        this.reports = reports;
        this.orders = orders;
        this.catalogue = catalogue;
        this.blocked = blocked;
        this.audit = audit;
        this.tx = tx;
    }

    public RatingView rate(Viewer buyer, String orderId, RatingViews.Rate c) {
        if (!buyer.is(Role.BUYER) && !buyer.is(Role.MERCHANT)) {
            throw ApiProblem.forbidden("products are rated by the licence holder of a delivered order");
        }
        // The organisation holding the licence rates, with a BUYER or a MERCHANT account; others' orders are not found.
        PurchaseOrder order = orders.buyersOrder(buyer, orderId);
        if (order.status() != OrderStatus.DELIVERED) {
            throw ApiProblem.conflict("Not delivered", "order " + orderId + " is " + order.status()
                    + "; a product is rated once its order was delivered");
        }
        if (ratings.findByOrderId(orderId).isPresent()) {
            throw ApiProblem.conflict("Already rated", "order " + orderId + " was rated; one rating per order");
        }
        String text = c.text() == null ? "" : c.text().strip();
        Optional<String> word = blocked.foundIn(text);
        Instant now = Instant.now();
        ProductRating rating = new ProductRating(UUID.randomUUID().toString(), orderId, order.productId(),
                catalogue.merchantOf(order.productId()), order.buyerOrgId(), buyer.username(), c.stars(), text, null, null,
                null, word.isPresent() ? Moderation.QUEUED : Moderation.NONE, word.isPresent(),
                word.map(w -> "held: the text holds the blocked word '" + w + "'").orElse(null), now, now);
        tx.executeWrite(status -> {
            ratings.save(rating);
            audit.record(buyer.username(), buyer.role().name(), "PRODUCT_RATED", "order " + orderId, c.stars() + " stars"
                    + (word.isPresent() ? "; held for the operator (blocked word)" : ""));
            return null;
        });
        return view(rating);
    }

    /** The shown ratings of a product with their average and count. */
    public ProductRatings ofProduct(Viewer viewer, String productId) {
        catalogue.sheet(viewer, productId); // the product as the viewer may see it, or not found
        List<ProductRating> shown = ratings.findByProductIdOrderByCreatedAtDesc(productId).stream()
                .filter(ProductRating::shown).toList();
        Double average = shown.isEmpty() ? null
                : Math.round(shown.stream().mapToInt(ProductRating::stars).average().orElseThrow() * 10) / 10.0;
        return new ProductRatings(productId, average, shown.size(), shown.stream().map(r -> new PublicRating(r.id(),
                r.stars(), r.body(), r.reply(), r.repliedAt(), r.createdAt())).toList());
    }

    /** The ratings of the merchant organisation's products, newest first. */
    public List<RatingView> ofMerchant(Viewer merchant) {
        if (!merchant.is(Role.MERCHANT)) {
            throw ApiProblem.forbidden("a merchant's ratings are read by MERCHANT accounts");
        }
        return ratings.findByMerchantOrgIdOrderByCreatedAtDesc(merchant.organisationId()).stream().map(this::view).toList();
    }

    /** The merchant's one answer to a rating of its product. */
    public RatingView reply(Viewer merchant, String id, String text) {
        ProductRating rating = ratings.findById(id).filter(r -> merchant.is(Role.MERCHANT)
                && r.merchantOrgId().equals(merchant.organisationId()))
                .orElseThrow(() -> ApiProblem.notFound("no rating " + id + " of your products"));
        if (rating.reply() != null) {
            throw ApiProblem.conflict("Already answered", "rating " + id + " was answered; a merchant answers once");
        }
        Instant now = Instant.now();
        String answer = text.strip();
        Optional<String> word = blocked.foundIn(answer);
        ProductRating replied = rating.replied(answer, merchant.username(), now);
        if (word.isPresent() && rating.moderation() != Moderation.HIDDEN) {
            String note = "held: the answer holds the blocked word '" + word.get() + "'";
            replied = rating.moderation() == Moderation.QUEUED
                    ? new ProductRating(replied.id(), replied.orderId(), replied.productId(), replied.merchantOrgId(),
                            replied.buyerOrgId(), replied.buyerUsername(), replied.stars(), replied.body(), replied.reply(),
                            replied.repliedBy(), replied.repliedAt(), Moderation.QUEUED, true, note, replied.createdAt(), now)
                    : replied.moderated(Moderation.QUEUED, true, note, now);
        }
        ProductRating saved = replied;
        tx.executeWrite(status -> {
            ratings.update(saved);
            audit.record(merchant.username(), "MERCHANT", "RATING_ANSWERED", "rating " + id,
                    word.isPresent() ? "held for the operator (blocked word)" : "answered");
            return null;
        });
        return view(saved);
    }

    /** A party's report of a rating as abusive (the order's buyer or the product's merchant), once each. */
    public RatingView report(Viewer viewer, String id, String reason) {
        ProductRating rating = ratings.findById(id).filter(r -> (viewer.is(Role.BUYER) || viewer.is(Role.MERCHANT)) && r.buyerOrgId().equals(viewer.organisationId())
                        || viewer.is(Role.MERCHANT) && r.merchantOrgId().equals(viewer.organisationId()))
                .orElseThrow(() -> ApiProblem.notFound("no rating " + id + " you are a party to"));
        if (reports.existsByRatingIdAndReporterUsername(id, viewer.username())) {
            throw ApiProblem.conflict("Already reported", "you reported rating " + id + " already");
        }
        if (rating.moderation() == Moderation.HIDDEN) {
            throw ApiProblem.conflict("Rating hidden", "rating " + id + " is hidden already");
        }
        Instant now = Instant.now();
        ProductRating queued = rating.moderation() == Moderation.QUEUED ? rating
                : rating.moderated(Moderation.QUEUED, false, "reported by " + viewer.role(), now);
        tx.executeWrite(status -> {
            reports.save(new RatingReport(UUID.randomUUID().toString(), id, viewer.username(), viewer.role().name(),
                    reason.strip(), now));
            if (queued != rating) {
                ratings.update(queued);
            }
            audit.record(viewer.username(), viewer.role().name(), "RATING_REPORTED", "rating " + id, reason.strip());
            return null;
        });
        return view(queued);
    }

    /** The operator's queue: ratings held by a blocked word or reported, oldest first. */
    public List<RatingView> queue(Viewer operator) {
        requireOperator(operator);
        return ratings.findByModerationOrderByUpdatedAt(Moderation.QUEUED).stream().map(this::view).toList();
    }

    /** The operator's decision on a queued rating: kept (shown) or hidden (neither shown nor counted). */
    public RatingView decide(Viewer operator, String id, boolean keep, String reason) {
        requireOperator(operator);
        ProductRating rating = ratings.findById(id).orElseThrow(() -> ApiProblem.notFound("no rating " + id));
        Moderation to = keep ? Moderation.KEPT : Moderation.HIDDEN;
        if (!rating.moderation().canBecome(to)) {
            throw ApiProblem.conflict("Not in the queue", "rating " + id + " is " + rating.moderation()
                    + "; the operator decides queued ratings");
        }
        ProductRating decided = rating.moderated(to, false, (keep ? "kept: " : "hidden: ") + reason.strip(), Instant.now());
        tx.executeWrite(status -> {
            ratings.update(decided);
            audit.record(operator.username(), "OPERATOR", keep ? "RATING_KEPT" : "RATING_HIDDEN", "rating " + id,
                    reason.strip());
            return null;
        });
        return view(decided);
    }

    private static void requireOperator(Viewer viewer) {
        if (!viewer.is(Role.OPERATOR)) {
            throw ApiProblem.forbidden("ratings are moderated by the OPERATOR");
        }
    }

    private RatingView view(ProductRating r) {
        String title;
        try {
            title = catalogue.summary(r.productId()).title();
        } catch (ApiProblem gone) {
            title = r.productId();
        }
        return new RatingView(r.id(), r.orderId(), r.productId(), title, r.stars(), r.body(), r.reply(), r.repliedAt(),
                r.moderation(), r.held(), r.shown(), r.moderationNote(),
                reports.findByRatingIdOrderByCreatedAt(r.id()).stream().map(p -> new RatingViews.Report(
                        p.reporterUsername(), p.reporterRole(), p.reason(), p.createdAt())).toList(), r.createdAt());
    }
}

package org.dataexchange.marketplace.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.dataexchange.marketplace.ApiClient;
import org.dataexchange.marketplace.account.Role;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The product's and the revision's lifecycles as tables: every (from, to) pair is tried through {@link ProductLifecycle}
 * against the real database. An allowed move is stored with one history entry; any other is refused with a 409 and
 * leaves the row and the history as they were. Final statuses are left by no move.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductLifecycleTest implements TestPropertyProvider {

    /** The moves a product may make: SPEC §6 listing review, suspension, reinstatement, delisting. */
    private static final Map<ProductStatus, Set<ProductStatus>> PRODUCT_MOVES = Map.of(
            ProductStatus.DRAFT, Set.of(ProductStatus.IN_REVIEW, ProductStatus.DELISTED),
            ProductStatus.IN_REVIEW, Set.of(ProductStatus.LISTED, ProductStatus.REJECTED),
            ProductStatus.REJECTED, Set.of(ProductStatus.DRAFT, ProductStatus.DELISTED),
            ProductStatus.LISTED, Set.of(ProductStatus.SUSPENDED, ProductStatus.DELISTED),
            ProductStatus.SUSPENDED, Set.of(ProductStatus.LISTED, ProductStatus.DELISTED),
            ProductStatus.DELISTED, Set.of());

    private static final Map<ProductRevision.Status, Set<ProductRevision.Status>> REVISION_MOVES = Map.of(
            ProductRevision.Status.DRAFT, Set.of(ProductRevision.Status.IN_REVIEW, ProductRevision.Status.WITHDRAWN),
            ProductRevision.Status.IN_REVIEW, Set.of(ProductRevision.Status.APPROVED, ProductRevision.Status.REJECTED,
                    ProductRevision.Status.WITHDRAWN),
            ProductRevision.Status.APPROVED, Set.of(ProductRevision.Status.APPLIED, ProductRevision.Status.IN_REVIEW),
            ProductRevision.Status.APPLIED, Set.of(),
            ProductRevision.Status.REJECTED, Set.of(),
            ProductRevision.Status.WITHDRAWN, Set.of());

    private static final Viewer OPERATOR = new Viewer("lifecycle-test", Role.OPERATOR, null);

    @Inject
    ProductLifecycle lifecycle;
    @Inject
    CatalogueRepositories.Products products;
    @Inject
    CatalogueRepositories.Transitions transitions;
    @Inject
    CatalogueRepositories.Revisions revisions;
    @Inject
    CatalogueRepositories.RevisionTransitions revisionTransitions;
    @Inject
    TransactionOperations<Connection> tx;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("product-lifecycle-test");
    }

    @Test
    void everyProductMoveIsAllowedOrRefusedAsTheTableSays() {
        Product template = products.findByStatusOrderByUpdatedAt(ProductStatus.LISTED).getFirst();
        List<String> walked = new ArrayList<>();
        for (ProductStatus from : ProductStatus.values()) {
            for (ProductStatus to : ProductStatus.values()) {
                Product p = productIn(template, from);
                boolean allowed = PRODUCT_MOVES.get(from).contains(to);
                if (allowed) {
                    Product changed = tx.executeWrite(s -> lifecycle.change(products.lock(p.id()).orElseThrow(), to,
                            OPERATOR, "table test"));
                    assertThat(changed.status()).isEqualTo(to);
                    assertThat(products.findById(p.id()).orElseThrow().status()).as(from + " -> " + to).isEqualTo(to);
                    assertThat(transitions.findByProductIdOrderByAt(p.id())).singleElement()
                            .satisfies(t -> {
                                assertThat(t.fromStatus()).isEqualTo(from);
                                assertThat(t.toStatus()).isEqualTo(to);
                            });
                } else {
                    assertThatThrownBy(() -> tx.executeWrite(s -> lifecycle.change(products.lock(p.id()).orElseThrow(), to,
                            OPERATOR, "table test"))).as(from + " -> " + to).isInstanceOf(ApiProblem.class)
                            .hasMessageContaining("a product " + from + " cannot become " + to);
                    Product after = products.findById(p.id()).orElseThrow();
                    assertThat(after).as(from + " -> " + to + " changes nothing").isEqualTo(p);
                    assertThat(transitions.findByProductIdOrderByAt(p.id())).as(from + " -> " + to).isEmpty();
                }
                walked.add(from + "->" + to);
            }
        }
        assertThat(walked).hasSize(36);
        assertThat(ProductStatus.FINAL).allSatisfy(f -> assertThat(PRODUCT_MOVES.get(f)).isEmpty());
    }

    @Test
    void everyRevisionMoveIsAllowedOrRefusedAsTheTableSays() {
        Product listed = products.findByStatusOrderByUpdatedAt(ProductStatus.LISTED).getFirst();
        for (ProductRevision.Status from : ProductRevision.Status.values()) {
            for (ProductRevision.Status to : ProductRevision.Status.values()) {
                if (to == ProductRevision.Status.DRAFT) {
                    continue; // no transition reaches DRAFT: a revision is created drafted (checked on the table below)
                }
                ProductRevision r = revisionIn(listed, from);
                boolean allowed = REVISION_MOVES.get(from).contains(to);
                UnaryOperator<ProductRevision> move = transitionTo(to);
                if (allowed) {
                    ProductRevision changed = tx.executeWrite(s -> lifecycle.change(r, move, OPERATOR, "table test"));
                    assertThat(changed.status()).isEqualTo(to);
                    assertThat(revisions.findById(r.id()).orElseThrow().status()).as(from + " -> " + to).isEqualTo(to);
                    assertThat(revisionTransitions.findByRevisionIdOrderByAt(r.id())).singleElement()
                            .satisfies(t -> assertThat(t.fromStatus()).isEqualTo(from));
                } else {
                    assertThatThrownBy(() -> tx.executeWrite(s -> lifecycle.change(r, move, OPERATOR, "table test")))
                            .as(from + " -> " + to).isInstanceOf(ApiProblem.class)
                            .hasMessageContaining("a revision " + from + " cannot become " + to);
                    assertThat(revisions.findById(r.id()).orElseThrow()).as(from + " -> " + to + " changes nothing")
                            .isEqualTo(r);
                    assertThat(revisionTransitions.findByRevisionIdOrderByAt(r.id())).isEmpty();
                }
                // Only one active revision per product: close this one before the next pair.
                tx.executeWrite(s -> {
                    revisionTransitions.deleteAll(revisionTransitions.findByRevisionIdOrderByAt(r.id()));
                    revisions.deleteById(r.id());
                    return null;
                });
            }
        }
        assertThat(ProductRevision.Status.FINAL).allSatisfy(f -> assertThat(REVISION_MOVES.get(f)).isEmpty());
        assertThat(REVISION_MOVES.values()).noneMatch(targets -> targets.contains(ProductRevision.Status.DRAFT));
        assertThat(Stream.of(ProductRevision.Status.values()).filter(s -> !ProductRevision.Status.FINAL.contains(s)))
                .allSatisfy(s -> assertThat(REVISION_MOVES.get(s)).isNotEmpty());
    }

    /** A copy of the template stored in the status, as if it had got there: a fresh id, no history. */
    private Product productIn(Product t, ProductStatus status) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        Product p = new Product(UUID.randomUUID().toString(), t.merchantOrgId(), t.title(), t.description(), t.titleEn(),
                t.descriptionEn(), t.tags(),
                t.industry(), t.sourceType(), t.classificationLevel(), t.category(), t.deliveryModes(),
                t.crossBorderAllowed(), t.detailsJson(), status, t.requiresRegulatorApproval(), t.refilingRequired(),
                t.currentVersion(), t.minPriceMinor(), t.currency(), at, at);
        products.save(p);
        return products.findById(p.id()).orElseThrow();
    }

    private ProductRevision revisionIn(Product listed, ProductRevision.Status status) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        ProductRevision r = new ProductRevision(UUID.randomUUID().toString(), listed.id(), 1000 + (int) (Math.random() * 1e6),
                status, null, "9.9", null, false, null, null, null, at, at);
        revisions.save(r);
        return revisions.findById(r.id()).orElseThrow();
    }

    /** The revision's transition method that reaches {@code to}. */
    private static UnaryOperator<ProductRevision> transitionTo(ProductRevision.Status to) {
        Instant at = Instant.parse("2026-02-01T00:00:00Z");
        return switch (to) {
            case DRAFT -> throw new IllegalArgumentException("no transition reaches DRAFT");
            case IN_REVIEW -> r -> r.status() == ProductRevision.Status.APPROVED ? r.returnedToReview(at)
                    : r.submitted("{}", at);
            case APPROVED -> r -> r.approved("op", null, null, at);
            case APPLIED -> r -> r.applied(at);
            case REJECTED -> r -> r.rejected("op", "no", at);
            case WITHDRAWN -> r -> r.withdrawn(at);
        };
    }
}

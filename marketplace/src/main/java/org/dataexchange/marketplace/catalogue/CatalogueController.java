package org.dataexchange.marketplace.catalogue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.SourceType;
import org.dataexchange.marketplace.account.Viewer;

/**
 * The catalogue's HTTP surface: public search and product sheets ({@code /api/products}), the merchant's own
 * products ({@code /api/merchant/products}) and the operator's listing review ({@code /api/operator}).
 */
@ExecuteOn(TaskExecutors.BLOCKING)
public final class CatalogueController {

    private CatalogueController() {}

    /** A reason for a status change or a review decision. */
    @Serdeable
    public record Reason(@NotBlank @Size(max = 2000) String reason) {}

    /** An optional note with an approval. */
    @Serdeable
    public record Note(@Nullable @Size(max = 2000) String note) {}

    /** The merchant's declaration (交易声明和承诺) when submitting for review. */
    @Serdeable
    public record Declaration(boolean sourceLawful, boolean rightsHeld, boolean qualityAsDescribed,
                              @Nullable @Size(max = 2000) String statement) {}

    @Controller("/api/products")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public static class Public {
        private final ProductSheets catalogue;

        Public(ProductSheets catalogue) {
            this.catalogue = catalogue;
        }

        /** Full-text search (Chinese and English) with filters, sorting and paging over listed products. */
        @Get
        public ProductPage search(@Nullable @QueryValue @Size(max = 200) String q, @Nullable @QueryValue Industry industry,
                                  @Nullable @QueryValue ClassificationLevel classification,
                                  @Nullable @QueryValue SourceType sourceType, @Nullable @QueryValue DeliveryMode deliveryMode,
                                  @Nullable @QueryValue String merchant, @Nullable @QueryValue @Min(0) Long minPrice,
                                  @Nullable @QueryValue @Min(0) Long maxPrice,
                                  @Nullable @QueryValue CatalogueSearch.Order sort,
                                  @QueryValue(defaultValue = "0") @Min(0) @Max(10000) int page,
                                  @QueryValue(defaultValue = "20") @Min(1) @Max(100) int size,
                                  @Nullable @QueryValue @Size(max = 3) List<CatalogueSearch.PlanKind> planKind) {
            return catalogue.search(new CatalogueSearch.SearchQuery(q, industry, classification, sourceType, deliveryMode,
                    merchant, minPrice, maxPrice, sort == null ? CatalogueSearch.Order.RELEVANCE : sort, page, size,
                    planKind == null ? java.util.Set.of() : java.util.Set.copyOf(planKind)));
        }

        /** The product sheet (数据产品说明书). Unlisted products only for their merchant, the operator and the regulator. */
        @Get("/{id}")
        public ProductSheet sheet(@PathVariable String id, @Nullable Authentication auth) {
            return catalogue.sheet(Viewer.of(auth), id);
        }
    }

    @Controller("/api/merchant/products")
    @Secured("MERCHANT")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public static class Merchant {
        private final MerchantProducts catalogue;
        private final ListingReview listings;
        private final ProductSheets sheets;
        private final ParentLicences parentLicences;

        Merchant(MerchantProducts catalogue, ListingReview listings, ProductSheets sheets, ParentLicences parentLicences) {
            this.parentLicences = parentLicences;
            this.catalogue = catalogue;
            this.listings = listings;
            this.sheets = sheets;
        }

        @Post
        public HttpResponse<ProductSheet> create(@Body @Valid ProductDraft draft, Authentication auth) {
            return HttpResponse.created(catalogue.create(Viewer.of(auth), draft));
        }

        @Get
        public List<ProductSummary> mine(Authentication auth) {
            return catalogue.listOwn(Viewer.of(auth));
        }

        /**
         * The licences the merchant's organisation bought that permit deriving: the parents a derived product may name
         * (by certificate id, in {@code parentCertificates}), with the royalty each would take of its sales.
         */
        @Get("/parent-licences")
        public List<ParentLicences.Choice> parentLicences(Authentication auth) {
            return parentLicences.derivable(Viewer.of(auth).organisationId());
        }

        @Put("/{id}")
        public ProductSheet update(@PathVariable String id, @Body @Valid ProductDraft draft, Authentication auth) {
            return catalogue.update(Viewer.of(auth), id, draft);
        }

        /** Uploads a version of the data (multipart: {@code version} and {@code file}); its SHA-256 is computed here. */
        @Post(value = "/{id}/versions", consumes = MediaType.MULTIPART_FORM_DATA)
        public HttpResponse<ProductSheet> upload(@PathVariable String id, @Part("version") String version,
                                                 @Part("file") CompletedFileUpload file, Authentication auth) throws IOException {
            try (InputStream in = file.getInputStream()) {
                return HttpResponse.created(catalogue.uploadVersion(Viewer.of(auth), id, version, file.getFilename(), in));
            }
        }

        @Post("/{id}/submit")
        public ProductSheet submit(@PathVariable String id, @Body @Valid Declaration declaration, Authentication auth) {
            return catalogue.submit(Viewer.of(auth), id, declaration.sourceLawful(), declaration.rightsHeld(),
                    declaration.qualityAsDescribed(), declaration.statement());
        }

        @Post("/{id}/delist")
        public ProductSheet delist(@PathVariable String id, @Body @Valid Reason reason, Authentication auth) {
            return listings.changeListing(Viewer.of(auth), id, ProductStatus.DELISTED, reason.reason());
        }

        /** The pending change of a listed product (drafted, in review or approved) and what it changes. */
        @Get("/{id}/revision")
        public PendingRevision revision(@PathVariable String id, Authentication auth) {
            return sheets.pendingRevision(Viewer.of(auth), id);
        }

        /** Withdraws the pending change (drafted or in review); the listed terms stay as they are. */
        @Post("/{id}/revision/withdraw")
        public ProductSheet withdraw(@PathVariable String id, Authentication auth) {
            return catalogue.withdrawRevision(Viewer.of(auth), id);
        }
    }

    @Controller("/api/operator")
    @Secured("OPERATOR")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public static class Review {
        private final ListingReview catalogue;
        private final ProductSheets sheets;

        Review(ListingReview catalogue, ProductSheets sheets) {
            this.catalogue = catalogue;
            this.sheets = sheets;
        }

        /** Products submitted for listing and revisions of listed products, with each revision's changes. */
        @Get("/reviews")
        public List<ReviewItem> queue(Authentication auth) {
            return catalogue.reviewQueue(Viewer.of(auth));
        }

        /** A product's pending revision with its changes against the listed terms. */
        @Get("/products/{id}/revision")
        public PendingRevision revision(@PathVariable String id, Authentication auth) {
            return sheets.pendingRevision(Viewer.of(auth), id);
        }

        @Post("/products/{id}/approve")
        public ProductSheet approve(@PathVariable String id, @Body @Valid Note note, Authentication auth) {
            return catalogue.approve(Viewer.of(auth), id, note.note());
        }

        @Post("/products/{id}/reject")
        public ProductSheet reject(@PathVariable String id, @Body @Valid Reason reason, Authentication auth) {
            return catalogue.reject(Viewer.of(auth), id, reason.reason());
        }

        @Post("/products/{id}/suspend")
        public ProductSheet suspend(@PathVariable String id, @Body @Valid Reason reason, Authentication auth) {
            return catalogue.changeListing(Viewer.of(auth), id, ProductStatus.SUSPENDED, reason.reason());
        }

        @Post("/products/{id}/reinstate")
        public ProductSheet reinstate(@PathVariable String id, @Body @Valid Reason reason, Authentication auth) {
            return catalogue.changeListing(Viewer.of(auth), id, ProductStatus.LISTED, reason.reason());
        }

        @Post("/products/{id}/delist")
        public ProductSheet delist(@PathVariable String id, @Body @Valid Reason reason, Authentication auth) {
            return catalogue.changeListing(Viewer.of(auth), id, ProductStatus.DELISTED, reason.reason());
        }
    }
}

package org.dataexchange.marketplace.catalogue;

import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Full-text search over listed products with Lucene: Chinese text as character bigrams and English as words
 * (CJKAnalyzer), so 气象 finds 气象数据 and "radar" finds "Radar echoes"; filters as exact terms, price as a
 * point range; sorting by relevance, price or recency; paging. The index lives in memory and is rebuilt from
 * the database at start.
 */
@Singleton
class CatalogueSearch {

    /** How results are ordered. */
    public enum Order { RELEVANCE, PRICE_ASC, PRICE_DESC, NEWEST }

    /**
     * The pricing kinds a buyer can filter by: those of public plans. A private offer is for one buyer only, so it
     * never makes a product findable by its kind.
     */
    public enum PlanKind { ONE_OFF, SUBSCRIPTION, METERED }

    /** A search: free text and filters, each optional; several plan kinds match a product with any of them. */
    public record SearchQuery(@Nullable String text, @Nullable Industry industry,
                              @Nullable org.dataexchange.ledger.product.ClassificationLevel classification,
                              @Nullable org.dataexchange.ledger.product.SourceType sourceType,
                              @Nullable DeliveryMode deliveryMode, @Nullable String merchantOrgId,
                              @Nullable Long minPriceMinor, @Nullable Long maxPriceMinor, Order order, int page, int size,
                              Set<PlanKind> planKinds) {

        public SearchQuery {
            planKinds = planKinds == null || planKinds.isEmpty() ? Set.of() : Set.copyOf(planKinds);
        }

        public SearchQuery(@Nullable String text, @Nullable Industry industry,
                           @Nullable org.dataexchange.ledger.product.ClassificationLevel classification,
                           @Nullable org.dataexchange.ledger.product.SourceType sourceType,
                           @Nullable DeliveryMode deliveryMode, @Nullable String merchantOrgId,
                           @Nullable Long minPriceMinor, @Nullable Long maxPriceMinor, Order order, int page, int size) {
            this(text, industry, classification, sourceType, deliveryMode, merchantOrgId, minPriceMinor, maxPriceMinor,
                    order, page, size, Set.of());
        }
    }

    /** Matching product ids in order, and how many match in all. */
    public record Hits(List<String> ids, long total) {}

    private final Analyzer analyzer = FullText.analyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;

    CatalogueSearch() {
        try {
            writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(analyzer));
            writer.commit();
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds or replaces a product with its pricing plans; only LISTED products are findable. */
    public void index(Product p, String merchantName, List<PricingPlan> plans) {
        try {
            Term id = new Term("id", p.id());
            if (p.status() != ProductStatus.LISTED) {
                writer.deleteDocuments(id);
            } else {
                writer.updateDocument(id, document(p, merchantName, plans));
            }
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds many listed products at once (start-up and bulk loads), refreshing once. */
    public void indexAll(List<Product> products, Function<Product, String> merchantName,
                         Function<Product, List<PricingPlan>> plans) {
        try {
            for (Product p : products) {
                if (p.status() == ProductStatus.LISTED) {
                    writer.updateDocument(new Term("id", p.id()), document(p, merchantName.apply(p), plans.apply(p)));
                }
            }
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document document(Product p, String merchantName, List<PricingPlan> plans) {
        Document d = new Document();
        d.add(new StringField("id", p.id(), Field.Store.YES));
        d.add(new TextField("text", String.join(" ", p.title(), p.titleEn(), p.description(), p.descriptionEn(), p.tags(), p.category(),
                merchantName),
                Field.Store.NO));
        d.add(new StringField("industry", p.industry().name(), Field.Store.NO));
        d.add(new StringField("classification", p.classificationLevel().name(), Field.Store.NO));
        d.add(new StringField("sourceType", p.sourceType().name(), Field.Store.NO));
        d.add(new StringField("merchant", p.merchantOrgId(), Field.Store.NO));
        for (String mode : p.deliveryModes().split(",")) {
            d.add(new StringField("delivery", mode, Field.Store.NO));
        }
        for (PricingPlan plan : plans) {
            if (plan.kind() != PricingPlan.Kind.PRIVATE_OFFER) {
                d.add(new StringField("planKind", plan.kind().name(), Field.Store.NO));
            }
        }
        long price = p.minPriceMinor() == null ? Long.MAX_VALUE : p.minPriceMinor();
        d.add(new LongPoint("price", price));
        d.add(new NumericDocValuesField("price", price));
        d.add(new NumericDocValuesField("updated", p.updatedAt().toEpochMilli()));
        return d;
    }

    public Hits search(SearchQuery q) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        boolean any = false;
        if (q.text() != null && !q.text().isBlank()) {
            for (String token : tokens(q.text())) {
                query.add(new TermQuery(new Term("text", token)), BooleanClause.Occur.MUST);
                any = true;
            }
        }
        any |= filter(query, "industry", q.industry() == null ? null : q.industry().name());
        any |= filter(query, "classification", q.classification() == null ? null : q.classification().name());
        any |= filter(query, "sourceType", q.sourceType() == null ? null : q.sourceType().name());
        any |= filter(query, "delivery", q.deliveryMode() == null ? null : q.deliveryMode().name());
        any |= filter(query, "merchant", q.merchantOrgId());
        if (!q.planKinds().isEmpty()) {
            BooleanQuery.Builder kinds = new BooleanQuery.Builder();
            for (PlanKind kind : q.planKinds()) {
                kinds.add(new TermQuery(new Term("planKind", kind.name())), BooleanClause.Occur.SHOULD);
            }
            query.add(kinds.build(), BooleanClause.Occur.FILTER);
            any = true;
        }
        if (q.minPriceMinor() != null || q.maxPriceMinor() != null) {
            query.add(LongPoint.newRangeQuery("price", q.minPriceMinor() == null ? 0 : q.minPriceMinor(),
                    q.maxPriceMinor() == null ? Long.MAX_VALUE - 1 : q.maxPriceMinor()), BooleanClause.Occur.FILTER);
            any = true;
        }
        Query built = any ? query.build() : new MatchAllDocsQuery();
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                int want = (q.page() + 1) * q.size();
                TopDocs top = switch (q.order()) {
                    case RELEVANCE -> any && q.text() != null && !q.text().isBlank()
                            ? searcher.search(built, want)
                            : searcher.search(built, want, new Sort(new SortField("updated", SortField.Type.LONG, true)));
                    case PRICE_ASC -> searcher.search(built, want, new Sort(new SortField("price", SortField.Type.LONG)));
                    case PRICE_DESC -> searcher.search(built, want, new Sort(new SortField("price", SortField.Type.LONG, true)));
                    case NEWEST -> searcher.search(built, want, new Sort(new SortField("updated", SortField.Type.LONG, true)));
                };
                List<String> ids = new ArrayList<>();
                ScoreDoc[] docs = top.scoreDocs;
                var stored = searcher.storedFields();
                for (int i = q.page() * q.size(); i < docs.length; i++) {
                    ids.add(stored.document(docs[i].doc).get("id"));
                }
                return new Hits(ids, searcher.count(built));
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean filter(BooleanQuery.Builder query, String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        query.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.FILTER);
        return true;
    }

    private List<String> tokens(String text) {
        return FullText.tokens(analyzer, "text", text);
    }

    @PreDestroy
    public void close() throws IOException {
        searchers.close();
        writer.close();
    }
}

package org.dataexchange.marketplace.matching;

import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.marketplace.catalogue.FullText;
import org.dataexchange.marketplace.catalogue.Industry;

/**
 * Open data needs searched the way the catalogue searches products (the same analyzer, {@link FullText}: Chinese as
 * bigrams, English as words; every token of the search text required), filtered by industry and by a classification the
 * buyer accepts, open needs only, best match first (or the nearest deadline first without search text). In memory,
 * rebuilt from the database at start.
 */
@Singleton
class NeedSearch {

    record Hits(List<String> ids, long total) {}

    private final Analyzer analyzer = FullText.analyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;

    NeedSearch() {
        try {
            writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(analyzer));
            writer.commit();
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds or replaces a need; a closed one leaves the index. */
    void index(DataNeed need) {
        try {
            Term id = new Term("id", need.id());
            if (need.state() != NeedState.OPEN) {
                writer.deleteDocuments(id);
            } else {
                Document d = new Document();
                d.add(new StringField("id", need.id(), Field.Store.YES));
                d.add(new TextField("text", String.join(" ", need.title(), need.description(), need.scenarioPurpose()),
                        Field.Store.NO));
                d.add(new StringField("industry", need.industry().name(), Field.Store.NO));
                for (ClassificationLevel level : need.acceptable()) {
                    d.add(new StringField("classification", level.name(), Field.Store.NO));
                }
                d.add(new LongPoint("deadline", need.deadline().toEpochMilli()));
                d.add(new NumericDocValuesField("deadline", need.deadline().toEpochMilli()));
                writer.updateDocument(id, d);
            }
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Hits search(@Nullable String text, @Nullable Industry industry, @Nullable ClassificationLevel classification,
                Instant now, int page, int size) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        boolean scored = false;
        if (text != null && !text.isBlank()) {
            for (String token : FullText.tokens(analyzer, "text", text)) {
                query.add(new TermQuery(new Term("text", token)), BooleanClause.Occur.MUST);
                scored = true;
            }
        }
        if (industry != null) {
            query.add(new TermQuery(new Term("industry", industry.name())), BooleanClause.Occur.FILTER);
        }
        if (classification != null) {
            query.add(new TermQuery(new Term("classification", classification.name())), BooleanClause.Occur.FILTER);
        }
        // Needs past their deadline are out of the search before the expiry round closes them.
        query.add(LongPoint.newRangeQuery("deadline", now.toEpochMilli() + 1, Long.MAX_VALUE), BooleanClause.Occur.FILTER);
        var built = query.build();
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                int want = (page + 1) * size;
                TopDocs top = scored ? searcher.search(built, want)
                        : searcher.search(built, want, new Sort(new SortField("deadline", SortField.Type.LONG)));
                List<String> ids = new ArrayList<>();
                ScoreDoc[] docs = top.scoreDocs;
                var stored = searcher.storedFields();
                for (int i = page * size; i < docs.length; i++) {
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

    @PreDestroy
    void close() throws IOException {
        searchers.close();
        writer.close();
    }
}

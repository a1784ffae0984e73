package org.dataexchange.marketplace.catalogue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * How the exchange searches free text, the catalogue's way, shared by every index of text people write (products, data
 * needs): Chinese as character bigrams and English as lower-case words (Lucene's CJKAnalyzer), and a query
 * that needs every token of the search text, so 气象 finds 气象数据 and "radar" finds "Radar echoes".
 */
public final class FullText {

    private FullText() {}

    /** The analyzer the catalogue indexes and searches with. */
    public static Analyzer analyzer() {
        return new CJKAnalyzer();
    }

    /** The tokens of {@code text} as {@code analyzer} indexes them. */
    public static List<String> tokens(Analyzer analyzer, String field, String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                tokens.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }
}

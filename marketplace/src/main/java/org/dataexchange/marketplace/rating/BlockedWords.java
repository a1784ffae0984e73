package org.dataexchange.marketplace.rating;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule for abusive text, from configuration ({@code exchange.ratings.blocked-words}, comma-separated): after NFKC
 * normalisation and lower-casing, a word in Latin letters matches as a whole word ("shit" is not found in "shiitake"), a
 * Chinese one anywhere in the text (Chinese has no spaces between words). A match holds the text for the operator; it
 * does not refuse it, so the buyer's rating is never lost, only kept off the sheet until decided.
 */
@Singleton
class BlockedWords {

    private record Word(String word, Pattern pattern) {}

    private final List<Word> words;

    BlockedWords(@Value("${exchange.ratings.blocked-words:傻逼,骗子公司,去死,滚蛋,王八蛋,fuck,shit,bastard,idiot,moron}")
                 List<String> words) {
        this.words = words.stream().map(String::strip).filter(w -> !w.isEmpty()).map(BlockedWords::normal)
                .map(w -> new Word(w, w.chars().allMatch(c -> c < 0x3000)
                        ? Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(w) + "(?![\\p{L}\\p{N}])")
                        : Pattern.compile(Pattern.quote(w))))
                .toList();
    }

    /** The first blocked word the text holds, if any. */
    Optional<String> foundIn(String text) {
        String normal = normal(text);
        return words.stream().filter(w -> w.pattern().matcher(normal).find()).findFirst().map(Word::word);
    }

    private static String normal(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}

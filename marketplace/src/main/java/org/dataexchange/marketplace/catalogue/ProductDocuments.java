package org.dataexchange.marketplace.catalogue;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A product's documents as stored JSON (its details, a revision's draft and declaration), read and written. Parsed
 * details are cached: parsing them is the costliest step of showing or ordering a product, and most orders hit a few.
 */
@Singleton
class ProductDocuments {

    private final JsonMapper json;
    private final Cache<String, ParsedDetails> parsed =
            Caffeine.newBuilder().maximumSize(1_000).executor(Runnable::run).build();

    ProductDocuments(JsonMapper json) {
        this.json = json;
    }

    ProductDetails details(Product p) {
        ParsedDetails hit = parsed.getIfPresent(p.id());
        if (hit != null && hit.json().equals(p.detailsJson())) {
            return hit.details();
        }
        try {
            ProductDetails d = json.readValue(p.detailsJson(), ProductDetails.class);
            parsed.put(p.id(), new ParsedDetails(p.detailsJson(), d));
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException("product " + p.id() + " has unreadable details", e);
        }
    }

    /** Details as parsed from this JSON; a changed product has other JSON, so an entry is never stale. */
    private record ParsedDetails(String json, ProductDetails details) {}

    Product withDetails(Product p, ProductDetails d) {
        return p.withDetailsJson(write(d), Instant.now());
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable stored document", e);
        }
    }

    /** A document as plain JSON values (maps, lists, strings, numbers), for comparing field by field. */
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> plain(Object value) {
        return read(write(value), java.util.Map.class);
    }
}

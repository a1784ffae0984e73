package org.dataexchange.marketplace.store;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The web store is a single-page application: its screens (/products/..., /orders/...) are client routes that
 * exist only in the browser. A page request for such a path, which the server does not know (404), is answered
 * with the store's index.html, and the client router shows the screen. {@code /api/**} is never touched: an
 * unknown API path stays a problem+json 404. Only GETs that name text/html (a page navigation) get the page, and
 * never under /assets/, so a missing script or style still fails loudly.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class StoreFallback {

    static final String INDEX = "classpath:store/index.html";

    private final byte[] index;

    StoreFallback(ResourceResolver resources) {
        Optional<InputStream> in = resources.getResourceAsStream(INDEX);
        try (InputStream stream = in.orElse(null)) {
            // Without the built store (a build that skipped the frontend), the API still works; pages stay 404.
            this.index = stream == null ? null : stream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ResponseFilter
    MutableHttpResponse<?> fallBackToIndex(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (index == null || response.status() != HttpStatus.NOT_FOUND || request.getMethod() != HttpMethod.GET
                || isApi(request.getPath()) || request.getPath().startsWith("/assets/") || !asksForHtml(request)) {
            return response;
        }
        return HttpResponse.ok(index).contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8")
                .header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    static boolean isApi(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }

    /** A page navigation names text/html; a script, style or fetch asks for its own type or for anything. */
    private static boolean asksForHtml(HttpRequest<?> request) {
        return request.getHeaders().accept().stream().anyMatch(t -> MediaType.TEXT_HTML.equals(t.getName()));
    }
}

package org.dataexchange.marketplace;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * The exchange answers a request that may have changed the books only once its commits are in the database file,
 * so that what the API confirmed survives a killed process (see {@link BooksOnDisk#write()}: concurrent requests
 * share one write). Reads (GET, HEAD, OPTIONS) change nothing and are answered at once.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ConfirmedWrites implements Ordered {

    private final BooksOnDisk books;

    ConfirmedWrites(BooksOnDisk books) {
        this.books = books;
    }

    @ResponseFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    void writeBeforeAnswering(HttpRequest<?> request) {
        HttpMethod method = request.getMethod();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS) {
            books.write();
        }
    }

    @Override
    public int getOrder() {
        // Closest to the route on the way out: the controller's transactions have committed, and no other filter's
        // answer (headers, errors) goes out before the books are written.
        return ServerFilterPhase.LAST.order();
    }
}

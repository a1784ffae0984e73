package org.dataexchange.marketplace.request;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.marketplace.problem.ProblemJson;

/**
 * Refuses a request body larger than {@code exchange.request.max-body-bytes} (default 256 KiB) with 413 before it is
 * read. The server's own limit is high for file uploads (multipart, limited by {@code exchange.upload.max-bytes}
 * while they stream to disk); every other body is a JSON document of a few kilobytes, and a megabyte of sample rows
 * or of a payment reference is refused here, whatever the field. Field lengths are the DTOs' own limits.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestSizeLimit implements Ordered {

    private final long maxBodyBytes;

    RequestSizeLimit(RequestLimits limits) {
        this.maxBodyBytes = limits.maxBodyBytes();
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> limit(HttpRequest<?> request) {
        long length = request.getContentLength();
        if (length > maxBodyBytes && !request.getContentType().map(t -> t.matches(MediaType.MULTIPART_FORM_DATA_TYPE)).orElse(false)) {
            return ProblemJson.response(ApiProblem.tooLarge(null, "the request body has " + length + " bytes; the exchange"
                    + " accepts at most " + maxBodyBytes + " bytes (files are uploaded as multipart/form-data)"));
        }
        return null;
    }

    /** Before security, so an oversized body costs no token check. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 100;
    }
}

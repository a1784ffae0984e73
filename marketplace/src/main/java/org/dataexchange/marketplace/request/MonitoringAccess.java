package org.dataexchange.marketplace.request;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.reactivestreams.Publisher;

/**
 * The monitoring system's access to the management endpoints: {@code Authorization: Bearer <token>} with the token
 * configured as {@code exchange.monitoring.token} (env {@code EXCHANGE_MONITORING_TOKEN}, at least 32 characters;
 * unset, only operator accounts read them) is the {@code MONITORING} role on {@code /prometheus} and {@code /health}
 * and nowhere else: a scraper needs a credential that does not expire hourly, and that credential must open no API.
 */
@Singleton
class MonitoringAccess implements AuthenticationFetcher<HttpRequest<?>> {

    /** The role the monitoring token is. */
    static final String ROLE = "MONITORING";

    private final byte[] token;

    MonitoringAccess(@Nullable @Value("${exchange.monitoring.token:}") String token) {
        this.token = token == null || token.length() < 32 ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        String path = request.getPath();
        if (token == null || !(path.equals("/prometheus") || path.equals("/health") || path.startsWith("/health/"))) {
            return Publishers.empty();
        }
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.startsWith("Bearer ")) {
            return Publishers.empty();
        }
        byte[] presented = header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, token)
                ? Publishers.just(Authentication.build("monitoring", List.of(ROLE))) : Publishers.empty();
    }

    @Override
    public int getOrder() {
        return -100; // before the JWT fetcher, which would take the token for a malformed login token
    }

    @Override
    public String toString() {
        return "MonitoringAccess[token=" + (token == null ? "unset" : "***") + "]";
    }
}

package org.dataexchange.marketplace;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.util.HashMap;
import java.util.Map;

/** Test helper around the real HTTP client: logins, JSON maps, refusals as exceptions to inspect. */
public final class ApiClient {

    private final HttpClient http;
    private final Map<String, String> tokens = new HashMap<>();

    public ApiClient(HttpClient http) {
        this.http = http;
    }

    public String token(String username) {
        return tokens.computeIfAbsent(username, u -> (String) http.toBlocking().retrieve(HttpRequest.POST("/api/auth/login",
                Map.of("username", u, "password", "demo")), Map.class).get("access_token"));
    }

    public <T> MutableHttpRequest<T> as(String username, MutableHttpRequest<T> request) {
        return username == null ? request : request.bearerAuth(token(username));
    }

    public Map<String, Object> json(String username, MutableHttpRequest<?> request) {
        return http.toBlocking().retrieve(as(username, request), Argument.mapOf(String.class, Object.class));
    }

    public int status(String username, MutableHttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(as(username, request), String.class).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    public HttpClientResponseException refusal(String username, MutableHttpRequest<?> request) {
        try {
            http.toBlocking().exchange(as(username, request), String.class);
        } catch (HttpClientResponseException e) {
            return e;
        }
        throw new AssertionError("expected a refusal of " + request.getMethod() + " " + request.getPath());
    }

    public static Map<String, Object> problem(HttpClientResponseException e) {
        return e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow();
    }
}

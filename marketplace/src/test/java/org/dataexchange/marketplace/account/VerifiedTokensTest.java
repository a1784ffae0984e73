package org.dataexchange.marketplace.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.dataexchange.marketplace.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Mono;

/** A verified token is kept until it expires; tampered and expired tokens are refused and never kept. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifiedTokensTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    VerifiedTokens tokens;

    @Inject
    TokenGenerator generator;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("tokens-test");
    }

    @Test
    void aVerifiedTokenIsKeptAndAnswersTheSameAuthentication() {
        String token = login();
        Authentication first = Mono.from(tokens.validateToken(token, null)).block();
        Authentication again = Mono.from(tokens.validateToken(token, null)).block();
        assertThat(first).isNotNull();
        assertThat(first.getName()).isEqualTo("demo-buyer");
        assertThat(again).isSameAs(first);
        assertThat(status(token)).isEqualTo(200);
    }

    @Test
    void aTamperedTokenIsRefusedEvenAfterTheGenuineOneWasKept() {
        String token = login();
        assertThat(status(token)).isEqualTo(200);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + (parts[2].charAt(0) == 'A' ? 'B' : 'A') + parts[2].substring(1);
        assertThat(Mono.from(tokens.validateToken(forged, null)).block()).isNull();
        assertThat(status(forged)).isEqualTo(401);
    }

    /** The token secret reaches the signer as a bean (TokenSecret): tokens are signed, and an unsigned one is refused. */
    @Test
    void tokensAreSignedWithTheTokenSecretAndAnUnsignedOneIsRefused() {
        String token = login();
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        java.util.Base64.Decoder b64 = java.util.Base64.getUrlDecoder();
        assertThat(new String(b64.decode(parts[0]), java.nio.charset.StandardCharsets.UTF_8)).contains("\"HS256\"");
        java.util.Base64.Encoder enc = java.util.Base64.getUrlEncoder().withoutPadding();
        String unsigned = enc.encodeToString("{\"alg\":\"none\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "." + parts[1] + ".";
        assertThat(Mono.from(tokens.validateToken(unsigned, null)).block()).isNull();
        assertThat(status(unsigned)).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsRefusedAndNotKept() {
        String expired = generator.generateToken(Map.of("sub", "demo-buyer", "roles", java.util.List.of("BUYER"),
                "exp", Instant.now().minusSeconds(60).getEpochSecond())).orElseThrow();
        assertThat(Mono.from(tokens.validateToken(expired, null)).block()).isNull();
        assertThat(status(expired)).isEqualTo(401);
    }

    private String login() {
        return new ApiClient(http).token("demo-buyer");
    }

    /** How the exchange answers a request that carries this token. */
    private int status(String token) {
        return new ApiClient(http).status(null, HttpRequest.GET("/api/me").bearerAuth(token));
    }
}

package org.dataexchange.marketplace.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.dataexchange.marketplace.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("marketplace-test");
    }

    @Test
    void demoAccountsLogInAndSeeThemselves() {
        for (String who : new String[] {"demo-merchant", "demo-buyer", "demo-operator", "demo-regulator"}) {
            String token = login(who, "demo");
            Map<String, Object> me = http.toBlocking().retrieve(HttpRequest.GET("/api/me").bearerAuth(token),
                    Argument.mapOf(String.class, Object.class));
            assertThat(me.get("username")).isEqualTo(who);
            assertThat(me).doesNotContainKey("passwordHash");
        }
    }

    @Test
    void wrongPasswordsAndAnonymousCallsAreRefused() {
        assertThatThrownBy(() -> login("demo-merchant", "wrong"))
                .isInstanceOf(HttpClientResponseException.class)
                .satisfies(e -> assertThat(((HttpClientResponseException) e).getStatus().getCode()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode()));
        assertThatThrownBy(() -> http.toBlocking().retrieve(HttpRequest.GET("/api/me")))
                .satisfies(e -> assertThat(((HttpClientResponseException) e).getStatus().getCode()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode()));
    }

    @Test
    void aMerchantSignsUpWithAValidCreditCode() {
        var created = http.toBlocking().exchange(HttpRequest.POST("/api/auth/register", registration("harbour-data",
                "MERCHANT", "91440300708461136T")), Map.class);
        assertThat(created.getStatus().getCode()).isEqualTo(HttpStatus.CREATED.getCode());
        Map<?, ?> org = (Map<?, ?>) created.body().get("organisation");
        assertThat(org.get("creditCode")).isEqualTo("91440300708461136T");
        assertThat(org.get("kind")).isEqualTo("MERCHANT");
        assertThat(login("harbour-data", "correct horse battery")).isNotBlank();
    }

    @Test
    void anInvalidCreditCodeIsAProblemNamingTheFieldAndChangesNothing() {
        HttpClientResponseException e = refused(HttpRequest.POST("/api/auth/register",
                registration("typo-co", "MERCHANT", "91440300708461136X")));
        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        assertThat(e.getResponse().getContentType()).hasValueSatisfying(t ->
                assertThat(t.toString()).isEqualTo("application/problem+json"));
        Map<?, ?> problem = e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow();
        assertThat(problem.get("field")).isEqualTo("organisation.creditCode");
        assertThat((String) problem.get("detail")).contains("should be 'T'");
        assertThatThrownBy(() -> login("typo-co", "correct horse battery")).isInstanceOf(HttpClientResponseException.class);
    }

    @Test
    void theOperatorsOwnCodeCannotBecomeAMerchantAndStaffRolesCannotSignUp() {
        HttpClientResponseException operatorCode = refused(HttpRequest.POST("/api/auth/register",
                registration("sneaky", "MERCHANT", "91310115MA1KABCD51")));
        assertThat(operatorCode.getStatus().getCode()).isEqualTo(HttpStatus.CONFLICT.getCode());
        assertThat(operatorCode.getResponse().getBody(String.class).orElse("")).contains("may not act as a merchant");
        HttpClientResponseException staff = refused(HttpRequest.POST("/api/auth/register",
                registration("self-made-regulator", "REGULATOR", "91350100M000100Y43")));
        assertThat(staff.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
    }

    @Test
    void malformedBodiesAreBadRequests() {
        for (String body : new String[] {"{", "{\"username\": 5}", "{\"username\":\"ab\",\"password\":\"x\",\"role\":\"MERCHANT\"}",
                "{\"username\":\"good-name\",\"password\":\"long enough pw\",\"role\":\"KING\",\"organisation\":{\"name\":\"x\",\"creditCode\":\"91350100M000100Y43\"}}"}) {
            HttpClientResponseException e = refused(HttpRequest.POST("/api/auth/register", body)
                    .contentType(MediaType.APPLICATION_JSON_TYPE));
            assertThat(e.getStatus().getCode()).as(body).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        }
    }

    private HttpClientResponseException refused(HttpRequest<?> request) {
        try {
            http.toBlocking().exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }

    private static Map<String, Object> registration(String username, String role, String code) {
        return Map.of("username", username, "password", "correct horse battery", "role", role,
                "organisation", Map.of("name", "示例数据有限公司", "creditCode", code));
    }

    private String login(String username, String password) {
        Map<?, ?> token = http.toBlocking().retrieve(HttpRequest.POST("/api/auth/login",
                Map.of("username", username, "password", password)), Map.class);
        return (String) token.get("access_token");
    }
}

package org.dataexchange.marketplace.rating;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.dataexchange.marketplace.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Ratings over real HTTP, H2 and an in-process devnet: only the buyer of a delivered order rates, once; the product sheet
 * shows average and count; the merchant answers once; a blocked word holds a rating for the operator, a party's report
 * queues it, and the operator keeps or hides it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RatingApiTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    private ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("rating-test", "exchange.ratings.blocked-words", "骗子公司,scam");
    }

    @BeforeEach
    void client() {
        api = new ApiClient(http);
    }

    private String delivered(Map<String, Object> product) throws InterruptedException {
        String orderId = api.buySettled(product, "one-off", "海洋科研 ocean research");
        String url = (String) api.json("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/download-link", "")).get("url");
        http.toBlocking().retrieve(HttpRequest.GET(url), byte[].class);
        assertThat(api.json("demo-buyer", HttpRequest.GET("/api/orders/" + orderId)).get("status")).isEqualTo("DELIVERED");
        return orderId;
    }

    private Map<String, Object> sheetRatings(Object productId) {
        return api.json(null, HttpRequest.GET("/api/products/" + productId + "/ratings"));
    }

    private List<Map<String, Object>> queue() {
        return http.toBlocking().retrieve(api.as("demo-operator", HttpRequest.GET("/api/operator/ratings")),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    @Test
    void theBuyerOfADeliveredOrderRatesOnceTheMerchantAnswersOnceAndAbuseGoesToTheOperator() throws Exception {
        Map<String, Object> product = api.listed("东海浮标海洋观测");
        Object productId = product.get("id");
        // Settled but not delivered: not yet.
        String settled = api.buySettled(product, "one-off", "海洋科研 ocean research");
        assertThat(api.status("demo-buyer", HttpRequest.POST("/api/orders/" + settled + "/rating", Map.of("stars", 5))))
                .isEqualTo(409);

        String first = delivered(product);
        // merchants rate the licences they hold; this order is not the merchant's
        assertThat(api.status("demo-merchant-ocean", HttpRequest.POST("/api/orders/" + first + "/rating", Map.of("stars", 5))))
                .isEqualTo(404);
        assertThat(api.status("demo-buyer", HttpRequest.POST("/api/orders/" + first + "/rating", Map.of("stars", 6))))
                .isEqualTo(400);
        Map<String, Object> rated = api.json("demo-buyer", HttpRequest.POST("/api/orders/" + first + "/rating",
                Map.of("stars", 4, "text", "数据完整，更新及时 complete and timely")));
        assertThat(rated.get("shown")).isEqualTo(true);
        assertThat(api.status("demo-buyer", HttpRequest.POST("/api/orders/" + first + "/rating", Map.of("stars", 1))))
                .isEqualTo(409);
        Map<String, Object> sheet = sheetRatings(productId);
        assertThat(sheet.get("count")).isEqualTo(1);
        assertThat(((Number) sheet.get("average")).doubleValue()).isEqualTo(4.0);

        // The product's merchant answers once; another merchant cannot.
        String ratingId = (String) rated.get("id");
        assertThat(api.status("demo-merchant", HttpRequest.POST("/api/merchant/ratings/" + ratingId + "/reply",
                Map.of("text", "谢谢")))).isEqualTo(404);
        assertThat(api.json("demo-merchant-ocean", HttpRequest.POST("/api/merchant/ratings/" + ratingId + "/reply",
                Map.of("text", "感谢评价 thank you"))).get("reply")).isEqualTo("感谢评价 thank you");
        assertThat(api.status("demo-merchant-ocean", HttpRequest.POST("/api/merchant/ratings/" + ratingId + "/reply",
                Map.of("text", "again")))).isEqualTo(409);
        assertThat(sheetRatings(productId).get("ratings").toString()).contains("感谢评价 thank you");

        // A blocked word holds the rating: not shown, not counted, queued for the operator, who keeps it.
        String second = delivered(product);
        Map<String, Object> held = api.json("demo-buyer", HttpRequest.POST("/api/orders/" + second + "/rating",
                Map.of("stars", 1, "text", "这是骗子公司")));
        assertThat(held.get("shown")).isEqualTo(false);
        assertThat(held.get("moderation")).isEqualTo("QUEUED");
        assertThat(sheetRatings(productId).get("count")).isEqualTo(1);
        assertThat(queue()).anySatisfy(r -> assertThat(r.get("id")).isEqualTo(held.get("id")));
        assertThat(api.json("demo-operator", HttpRequest.POST("/api/operator/ratings/" + held.get("id") + "/keep",
                Map.of("reason", "criticism, not abuse"))).get("shown")).isEqualTo(true);
        assertThat(sheetRatings(productId).get("count")).isEqualTo(2);
        assertThat(((Number) sheetRatings(productId).get("average")).doubleValue()).isEqualTo(2.5);
        assertThat(api.status("demo-operator", HttpRequest.POST("/api/operator/ratings/" + held.get("id") + "/keep",
                Map.of("reason", "twice")))).isEqualTo(409);

        // A party's report queues a rating that stays shown until the operator hides it; hidden, it is not counted.
        Map<String, Object> reported = api.json("demo-merchant-ocean", HttpRequest.POST("/api/ratings/" + ratingId + "/report",
                Map.of("reason", "mentions a competitor")));
        assertThat(reported.get("moderation")).isEqualTo("QUEUED");
        assertThat(reported.get("shown")).isEqualTo(true);
        assertThat(api.status("demo-merchant-ocean", HttpRequest.POST("/api/ratings/" + ratingId + "/report",
                Map.of("reason", "again")))).isEqualTo(409);
        assertThat(api.status("demo-merchant", HttpRequest.POST("/api/ratings/" + ratingId + "/report",
                Map.of("reason", "not a party")))).isEqualTo(404);
        assertThat(api.json("demo-operator", HttpRequest.POST("/api/operator/ratings/" + ratingId + "/hide",
                Map.of("reason", "names a person"))).get("shown")).isEqualTo(false);
        Map<String, Object> after = sheetRatings(productId);
        assertThat(after.get("count")).isEqualTo(1);
        assertThat(((Number) after.get("average")).doubleValue()).isEqualTo(1.0);
        assertThat(queue()).noneSatisfy(r -> assertThat(r.get("id")).isEqualTo(ratingId));
        assertThat(api.status("demo-buyer", HttpRequest.GET("/api/operator/ratings"))).isEqualTo(403);
    }
}

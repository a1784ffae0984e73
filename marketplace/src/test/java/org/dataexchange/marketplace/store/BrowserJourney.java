package org.dataexchange.marketplace.store;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.dataexchange.marketplace.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What every browser journey starts from: its own exchange (demo data, devnet, a data directory named after the
 * journey) on a free loopback port, an HTTP client for set-up through the API, and the JVM's Chromium for the class
 * ({@link Browser}). A journey is {@code @MicronautTest(transactional = false)} and names itself.
 *
 * <p>Its exchange starts from a copy of the JVM's seeded demo data ({@link org.dataexchange.marketplace.DemoTemplate},
 * through {@link ApiClient#testProperties}), not from a seed of its own: a journey adds what it needs through
 * {@link #api} in its {@code @BeforeAll} or its test, as before. Any test class that builds its properties with
 * {@code ApiClient.testProperties} gets the same; one that must watch the seed itself passes
 * {@code DemoTemplate.SWITCH, "false"}.
 *
 * <p>Page loads are the dearest step of a journey in Chromium's CPU (the whole store's script parsed and started again),
 * so the browser moves inside the store wherever a person would: {@link Browser#signOut} uses the header's button and
 * the {@link Browser#signIn} after it goes to the sign-in page in the running store ({@link Browser#go}, as the store's
 * links do), {@link Browser#freshPage} (a {@code @BeforeEach} that wants the home page with no session and no language
 * picked) clears the tab's storage in place and loads once. {@link Browser#open} is for what must be a load (a typed
 * address, a first page). {@code -Dstore.cost=true} prints where a class's wall and CPU time went ({@link BrowserCost}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserJourney implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Inject
    @Client("/")
    HttpClient http;

    ApiClient api;
    Browser browser;

    /** The journey's name, for its data directory. */
    abstract String journey();

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties(journey(), "micronaut.server.port", "-1");
    }

    @BeforeAll
    void startBrowser() {
        api = new ApiClient(http);
        browser = new Browser("http://127.0.0.1:" + server.getPort(), getClass());
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }
}

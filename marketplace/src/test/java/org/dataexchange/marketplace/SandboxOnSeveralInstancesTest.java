package org.dataexchange.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dataexchange.marketplace.catalogue.DemoCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query sandbox's overlap control holds across instances: two instances of the exchange on one PostgreSQL database
 * (and one devnet ledger) receive at the same moment the two halves of a differencing attack on one licence, the
 * answer over F through one and over F without one record through the other. A licence's queries are decided one at
 * a time under its row lock in the database, so whichever comes second is checked against the first's remembered
 * answer: exactly one of the two is answered, the other suppressed as differencing. Three licences, three pairs.
 */
class SandboxOnSeveralInstancesTest {

    private static final String PRODUCT = "医疗机构资源分布";
    private static final String PURPOSE = "保险网络规划 insurance network planning";

    @TempDir
    Path dir;

    @Test
    void twoHalvesOfADifferencingAttackSentToTwoInstancesAtOnceAreNotBothAnswered() throws Exception {
        // A query loads the file into the engine; on a loaded machine that can take longer than 10 s.
        try (TwoInstances two = TwoInstances.start(dir, "micronaut.http.client.read-timeout", "60s")) {
            ApiClient apiA = two.apiA;
            ApiClient apiB = two.apiB;
            List<String[]> shanghai = demoRows().stream().filter(r -> r[1].equals("CN-SH")).toList();
            Map<String, Object> inShanghai = Map.of("column", "region", "operator", "EQ", "value", "CN-SH");
            List<Map<String, Object>> countAndSum = List.of(Map.of("aggregate", "COUNT"),
                    Map.of("aggregate", "SUM", "column", "value"));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int pair = 0; pair < 3; pair++) {
                    String orderId = apiA.buySettled(apiA.listed(PRODUCT), "one-off", PURPOSE);
                    Map<String, Object> allButOne = Map.of("column", "time", "operator", "NE", "value", shanghai.get(pair)[0]);
                    Map<String, Object> overF = Map.of("select", countAndSum, "filters", List.of(inShanghai));
                    Map<String, Object> overFWithoutOne = Map.of("select", countAndSum, "filters", List.of(inShanghai, allButOne));
                    CyclicBarrier together = new CyclicBarrier(2);
                    Future<Map<String, Object>> viaA = pool.submit(() -> {
                        together.await(30, TimeUnit.SECONDS);
                        return apiA.json("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/sandbox/queries", overF));
                    });
                    Future<Map<String, Object>> viaB = pool.submit(() -> {
                        together.await(30, TimeUnit.SECONDS);
                        return apiB.json("demo-buyer", HttpRequest.POST("/api/orders/" + orderId + "/sandbox/queries", overFWithoutOne));
                    });
                    Map<String, Object> answerA = viaA.get(120, TimeUnit.SECONDS);
                    Map<String, Object> answerB = viaB.get(120, TimeUnit.SECONDS);
                    List<Map<String, Object>> both = List.of(answerA, answerB);
                    assertThat(both).as("pair %d: exactly one of the two is answered in full: %s", pair, both)
                            .filteredOn(r -> ((Number) r.get("differencingGroups")).intValue() == 0).hasSize(1);
                    assertThat(both).as("pair %d: the other is suppressed as differencing", pair)
                            .filteredOn(r -> ((Number) r.get("differencingGroups")).intValue() == 1)
                            .singleElement().satisfies(r -> assertThat((List<?>) r.get("rows")).isEmpty());
                    long answeredRows = both.stream().filter(r -> ((Number) r.get("differencingGroups")).intValue() == 0)
                            .map(r -> ((Number) ((List<?>) ((List<?>) r.get("rows")).get(0)).get(0)).longValue())
                            .findFirst().orElseThrow();
                    assertThat(answeredRows).as("the answered one is exact").isIn((long) shanghai.size(), shanghai.size() - 1L);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** The demo file of the product: time,region,value; 50 rows, CN-SH on even rows, CN-GD on odd ones. */
    private static List<String[]> demoRows() {
        DemoCatalogue.Item item = DemoCatalogue.ITEMS.stream().filter(i -> i.title().startsWith(PRODUCT)).findFirst().orElseThrow();
        return Arrays.stream(DemoCatalogue.sampleFile(item).split("\n")).skip(1).map(l -> l.split(",")).toList();
    }
}

package org.dataexchange.marketplace.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dataexchange.marketplace.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The audit chain under appenders whose transactions overlap, and with transactions that roll back. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditLogTest implements TestPropertyProvider {

    @Inject
    AuditLog audit;

    @Inject
    io.micronaut.transaction.TransactionOperations<Connection> tx;

    @Override
    public Map<String, String> getProperties() {
        return ApiClient.testProperties("audit-test");
    }

    @Test
    void appendersInOverlappingTransactionsEachGetTheirOwnPlaceInTheChain() throws Exception {
        long before = audit.verify().entries();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        int n = i;
                        // The entry is written mid-transaction and the transaction commits a little later, as when
                        // an order transition is audited before its own transaction ends.
                        tx.executeWrite(status -> {
                            audit.record("worker-" + thread, "OPERATOR", "TEST_APPEND", "test:" + thread + ":" + n, "");
                            sleep(1);
                            return null;
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        AuditLog.Verification after = audit.verify();
        assertThat(after.valid()).as(after.problem()).isTrue();
        assertThat(after.entries()).isEqualTo(before + 160);
    }

    @Test
    void anAppenderWhoseTransactionIsStillOpenHoldsNobodyUp() throws Exception {
        long before = audit.verify().entries();
        java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch finish = new java.util.concurrent.CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> slow = pool.submit(() -> tx.executeWrite(status -> {
                audit.record("slow", "OPERATOR", "TEST_SLOW", "test:slow", "");
                written.countDown();
                await(finish);
                return null;
            }));
            assertThat(written.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            // Another action is audited and committed while the first transaction is still open.
            pool.submit(() -> audit.record("quick", "OPERATOR", "TEST_QUICK", "test:quick", "")).get(5, java.util.concurrent.TimeUnit.SECONDS);
            AuditLog.Verification meanwhile = audit.verify();
            assertThat(meanwhile.valid()).as(meanwhile.problem()).isTrue();
            assertThat(meanwhile.entries()).isEqualTo(before + 1);
            finish.countDown();
            slow.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            finish.countDown();
            pool.shutdownNow();
        }
        AuditLog.Verification after = audit.verify();
        assertThat(after.valid()).as(after.problem()).isTrue();
        assertThat(after.entries()).isEqualTo(before + 2);
        List<String> actions = audit.page(0, 10_000).getContent().stream().map(AuditLog.Entry::action).toList();
        assertThat(actions.indexOf("TEST_SLOW")).as("joins the chain when it commits").isGreaterThan(actions.indexOf("TEST_QUICK"));
    }

    @Test
    void anEntryRollsBackWithTheActionItRecordsAndTheChainStaysWhole() {
        long before = audit.verify().entries();
        assertThatThrownBy(() -> tx.executeWrite(status -> {
            audit.record("someone", "OPERATOR", "TEST_ROLLED_BACK", "test:rollback", "");
            throw new IllegalStateException("the action failed");
        })).hasMessageContaining("the action failed");
        audit.record("someone", "OPERATOR", "TEST_AFTER_ROLLBACK", "test:rollback", "");
        AuditLog.Verification after = audit.verify();
        assertThat(after.valid()).as(after.problem()).isTrue();
        assertThat(after.entries()).isEqualTo(before + 1);
        assertThat(audit.page(0, 10_000).getContent()).noneMatch(e -> e.action().equals("TEST_ROLLED_BACK"));
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

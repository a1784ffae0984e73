package org.dataexchange.settlementclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.dataexchange.devnet.Devnet;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.ListingStatus;
import org.dataexchange.ledger.product.ListingStatusChange;
import org.dataexchange.ledger.product.ProductRegistration;
import org.dataexchange.ledger.support.Fixtures;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client as it is pointed at a Fabric peer: a standalone devnet over TLS, reached from connection.json,
 * with failures produced by real failing calls.
 */
class SettlementClientNetworkTest {

    @TempDir
    Path data;

    private final ProductRegistration product = Fixtures.product("metro-od", ClassificationLevel.GENERAL);
    private final LedgerAccess access = new LedgerAccess();

    @AfterEach
    void closeChannels() throws Exception {
        access.close();
    }

    private Devnet startDevnet(Path dir, int port, Duration batchTimeout) throws Exception {
        return Devnet.start(LedgerAccess.settlementDevnet(dir).withPort(port).withBatching(500, batchTimeout));
    }

    private static LedgerAccess.Peer operatorOf(Path dir) throws Exception {
        return LedgerAccess.Peer.fromProfile(dir, "operator");
    }

    private SettlementClient connect(LedgerAccess.Peer peer) throws Exception {
        return access.overTls(peer, ClientOptions.defaults());
    }

    @Test
    void aForcedReadConflictIsRetriedAndSucceedsOrSurfacesWhenRetriesAreOff() throws Exception {
        // A long batch timeout puts concurrently endorsed transactions in one block, so they conflict for sure.
        try (Devnet devnet = startDevnet(data, 0, Duration.ofMillis(400));
             SettlementClient retrying = connect(operatorOf(data));
             SettlementClient once = access.overTls(operatorOf(data), ClientOptions.defaults().withRetry(
                     new ClientOptions.RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10))))) {
            retrying.registerProductVersion(product).get(30, TimeUnit.SECONDS);

            CompletableFuture<Committed<org.dataexchange.ledger.product.ProductVersion>> suspend = retrying.updateListingStatus(
                    new ListingStatusChange("metro-od", "1", ListingStatus.SUSPENDED, "quality review"));
            CompletableFuture<Committed<org.dataexchange.ledger.product.ProductVersion>> again = retrying.updateListingStatus(
                    new ListingStatusChange("metro-od", "1", ListingStatus.SUSPENDED, "quality review, second notice"));
            CompletableFuture.allOf(suspend, again).get(60, TimeUnit.SECONDS);
            // Both read the LISTED version in one block: one conflicted, ran again, and found the change made.
            assertThat(retrying.readConflictRetries()).isGreaterThanOrEqualTo(1);
            assertThat(List.of(suspend.get().alreadyRecorded(), again.get().alreadyRecorded())).containsExactlyInAnyOrder(true, false);
            assertThat(retrying.productVersion("metro-od", "1").status()).isEqualTo(ListingStatus.SUSPENDED);

            retrying.registerProductVersion(Fixtures.product("metro-2", ClassificationLevel.GENERAL)).get();
            CompletableFuture<?> a = once.updateListingStatus(new ListingStatusChange("metro-2", "1", ListingStatus.SUSPENDED, "a"));
            CompletableFuture<?> b = once.updateListingStatus(new ListingStatusChange("metro-2", "1", ListingStatus.SUSPENDED, "b"));
            List<Throwable> failures = new ArrayList<>();
            for (CompletableFuture<?> f : List.of(a, b)) {
                try {
                    f.get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            assertThat(failures).hasSize(1);
            assertThat(failures.get(0)).isInstanceOf(CommitFailedException.class);
            assertThat(((CommitFailedException) failures.get(0)).code()).isEqualTo(TxValidationCode.MVCC_READ_CONFLICT);
            assertThat(((CommitFailedException) failures.get(0)).isReadConflict()).isTrue();
        }
    }

    @Test
    void anIdentityTheNetworkDoesNotKnowIsAnEndorsementFailure() throws Exception {
        Path stranger = data.resolve("stranger");
        try (Devnet other = startDevnet(stranger, 0, Duration.ofMillis(5))) {
            other.height(); // only its crypto material is wanted
        }
        Path net = data.resolve("net");
        try (Devnet devnet = startDevnet(net, 0, Duration.ofMillis(5))) {
            LedgerAccess.Peer impostor = operatorOf(net).actingWithKeysOf(operatorOf(stranger));
            try (SettlementClient client = connect(impostor)) {
                assertThatThrownBy(() -> SettlementClientTest.join(client.registerProductVersion(product)))
                        .isInstanceOf(EndorsementFailedException.class)
                        .satisfies(e -> assertThat(((EndorsementFailedException) e).details().get(0).getMessage())
                                .contains("access denied: channel [exchange] creator org [OperatorMSP]"));
                assertThatThrownBy(() -> client.product("metro-od")).isInstanceOf(EndorsementFailedException.class);
            }
        }
    }

    @Test
    void anUnreachableLedgerIsUnavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path net = data.resolve("net");
        try (Devnet devnet = startDevnet(net, 0, Duration.ofMillis(5))) {
            devnet.height();
        }
        LedgerAccess.Peer nowhere = operatorOf(net).at("127.0.0.1:" + port);
        try (SettlementClient client = access.overTls(nowhere, ClientOptions.defaults().withDeadlines(
                new ClientOptions.Deadlines(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2),
                        Duration.ofSeconds(2))))) {
            assertThatThrownBy(() -> client.product("metro-od")).isInstanceOf(LedgerUnavailableException.class);
            assertThatThrownBy(() -> SettlementClientTest.join(client.registerProductVersion(product)))
                    .isInstanceOf(LedgerUnavailableException.class);
        }
    }

    @Test
    void aConsumerKilledAndRestartedWithItsCheckpointerSeesEveryEventOnce() throws Exception {
        try (Devnet devnet = startDevnet(data, 0, Duration.ofMillis(5));
             SettlementClient client = connect(operatorOf(data))) {
            DurableCheckpointer checkpointer = new DurableCheckpointer();
            client.registerProductVersion(product).get();
            EventSubscription first = client.subscribe(0, checkpointer, checkpointer::record);
            for (int i = 0; i < 5; i++) {
                client.recordTrade(Fixtures.trade("T-" + i, product)).get();
            }
            await(() -> checkpointer.processed.size() >= 3);
            first.close(); // the consumer dies mid-stream
            for (int i = 5; i < 10; i++) {
                client.recordTrade(Fixtures.trade("T-" + i, product)).get();
            }
            try (EventSubscription second = client.subscribe(0, checkpointer, checkpointer::record)) {
                await(() -> checkpointer.processed.size() >= 11);
                // anything delivered twice would arrive within this time: the count must hold throughout it
                Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                        .until(() -> checkpointer.processed.size() == 11);
            }
            assertThat(checkpointer.processed).hasSize(11);
            assertThat(new HashSet<>(checkpointer.processed)).hasSize(11);
            assertThat(checkpointer.names.get(0)).isEqualTo("ProductRegistered");
            assertThat(checkpointer.names.subList(1, 11)).containsOnly("TradeSettled");
        }
    }

    @Test
    void aBrokenEventStreamReconnectsOnItsOwnAndLosesNothing() throws Exception {
        Devnet devnet = startDevnet(data, 0, Duration.ofMillis(5));
        int port = devnet.port();
        DurableCheckpointer checkpointer = new DurableCheckpointer();
        try (SettlementClient client = access.overTls(operatorOf(data), ClientOptions.defaults().withRetry(
                new ClientOptions.RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200))))) {
            client.registerProductVersion(product).get();
            try (EventSubscription subscription = client.subscribe(0, checkpointer, checkpointer::record)) {
                client.recordTrade(Fixtures.trade("T-1", product)).get();
                await(() -> checkpointer.processed.size() >= 2);
                devnet.close(); // the peer goes away under the stream
                devnet = startDevnet(data, port, Duration.ofMillis(5));
                client.recordTrade(Fixtures.trade("T-2", product)).get(60, TimeUnit.SECONDS);
                await(() -> checkpointer.processed.size() >= 3);
                assertThat(subscription.reconnects()).isGreaterThanOrEqualTo(1);
            }
            assertThat(checkpointer.processed).hasSize(3).doesNotHaveDuplicates();
        } finally {
            devnet.close();
        }
    }

    /** A checkpointer whose position and processed events change together, as a database transaction would. */
    static final class DurableCheckpointer implements EventCheckpointer {
        final List<String> processed = new CopyOnWriteArrayList<>();
        final List<String> names = new CopyOnWriteArrayList<>();
        private Position position;

        void record(LedgerEvent event) {
            processed.add(event.transactionId());
            names.add(event.name());
        }

        @Override
        public synchronized Optional<Position> position() {
            return Optional.ofNullable(position);
        }

        @Override
        public synchronized void process(LedgerEvent event, Consumer<LedgerEvent> handler) {
            handler.accept(event);
            position = new Position(event.blockNumber(), event.transactionId());
        }
    }

    static void await(BooleanSupplier condition) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }
}

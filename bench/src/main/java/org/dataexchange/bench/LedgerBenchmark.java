package org.dataexchange.bench;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.dataexchange.devnet.Devnet;
import org.dataexchange.devnet.DevnetConfig;
import org.dataexchange.devnet.crypto.SigningIdentity;
import org.dataexchange.ledger.json.CanonicalJson;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.ProductRegistration;
import org.dataexchange.ledger.product.SourceType;
import org.dataexchange.ledger.trade.Approvals;
import org.dataexchange.ledger.trade.SplitLine;
import org.dataexchange.ledger.trade.SplitRole;
import org.dataexchange.ledger.trade.TradeRequest;
import org.dataexchange.marketplace.ledger.LedgerConnection;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Committed {@code RecordTrade} transactions per second and commit latency percentiles on devnet, for
 * 1, 16 and 64 concurrent clients, each client submitting its next trade when the previous one is
 * committed. Latency is endorse + submit + commit status, as an application waits for it.
 *
 * <pre>java -jar bench/target/bench.jar [--seconds 15] [--clients 1,16,64] [--tls] [--batch-size 500]
 *     [--batch-timeout-ms 5] [--connection-profile FILE]</pre>
 *
 * With {@code --connection-profile}, the same load goes to an existing network instead (a Fabric network's
 * {@code connection.json}, as {@code EXCHANGE_LEDGER_CONNECTION_PROFILE} names it, or a standalone devnet's): through
 * the peer's gateway it names, as its operator identity. Its batching is the network's own; the records it writes
 * stay on that ledger, under product and trade ids unique to the run.
 */
public final class LedgerBenchmark {

    private static final String MERCHANT = "91310000MA1FL4TE3X";

    private LedgerBenchmark() {}

    public record Result(int clients, long committed, long failed, double seconds, double perSecond,
                         double p50Millis, double p95Millis, double p99Millis, double maxMillis) {
        @Override
        public String toString() {
            return String.format("clients=%3d  committed=%7d  failed=%3d  tps=%8.1f  latency ms p50=%7.1f p95=%7.1f p99=%7.1f max=%7.1f",
                    clients, committed, failed, perSecond, p50Millis, p95Millis, p99Millis, maxMillis);
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = 15;
        int[] levels = {1, 16, 64};
        boolean tls = false;
        int batchSize = 500;
        long batchTimeoutMs = 5;
        Path profile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--clients" -> levels = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--tls" -> tls = true;
                case "--batch-size" -> batchSize = Integer.parseInt(args[++i]);
                case "--batch-timeout-ms" -> batchTimeoutMs = Long.parseLong(args[++i]);
                case "--connection-profile" -> profile = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (profile != null) {
            measureNetwork(profile, seconds, levels);
        } else {
            measure(seconds, levels, tls, batchSize, batchTimeoutMs);
        }
    }

    /** Runs each client level against the network a connection profile names, printing each result as it comes. */
    public static List<Result> measureNetwork(Path connectionProfile, int seconds, int[] levels) throws Exception {
        LedgerConnection.GatewayPeer peer = LedgerConnection.GatewayPeer.fromConnectionProfile(connectionProfile,
                LedgerConnection.Role.OPERATOR);
        System.out.printf("RecordTrade benchmark on %s (channel %s, chaincode %s, as %s): %d s per level, %d cores%n",
                peer.endpoint(), peer.channel(), peer.chaincode(), peer.mspId(), seconds,
                Runtime.getRuntime().availableProcessors());
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(peer.endpoint())
                .sslContext(GrpcSslContexts.forClient().trustManager(peer.tlsCaCert().toFile()).build());
        if (peer.hostnameOverride() != null && !peer.hostnameOverride().isBlank()) {
            builder.overrideAuthority(peer.hostnameOverride());
        }
        ManagedChannel channel = builder.build();
        List<Result> results = new ArrayList<>();
        try (java.io.Reader certPem = java.nio.file.Files.newBufferedReader(peer.cert());
             java.io.Reader keyPem = java.nio.file.Files.newBufferedReader(peer.key());
             Gateway gateway = Gateway.newInstance()
                     .identity(new X509Identity(peer.mspId(), Identities.readX509Certificate(certPem)))
                     .signer(Signers.newPrivateKeySigner(Identities.readPrivateKey(keyPem)))
                     .connection(channel)
                     .connect()) {
            Contract contract = gateway.getNetwork(peer.channel()).getContract(peer.chaincode());
            // The network keeps what earlier runs wrote: this run's product and trades get ids of their own.
            String run = Long.toString(System.currentTimeMillis(), 36);
            ProductRegistration product = new ProductRegistration("bench-radar-" + run, "1", MERCHANT, sha("bench"),
                    ClassificationLevel.GENERAL, "气象/雷达", SourceType.ENTERPRISE, "meteorology", true, null, null);
            contract.submitTransaction("RegisterProductVersion", CanonicalJson.write(product));
            run(contract, product, 16, 3, run + "-warm-up"); // JIT, connection and thread warm-up, not reported
            for (int clients : levels) {
                Result result = run(contract, product, clients, seconds, run + "-c" + clients);
                System.out.println(result);
                results.add(result);
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        return results;
    }

    /** Runs each client level on a fresh devnet, printing each result as it comes; answers the results. */
    public static List<Result> measure(int seconds, int[] levels, boolean tls, int batchSize, long batchTimeoutMs)
            throws Exception {
        List<Result> results = new ArrayList<>();
        try (ScratchDirectory dir = ScratchDirectory.create("devnet-bench")) {
            measure(dir.path(), seconds, levels, tls, batchSize, batchTimeoutMs, results);
        }
        return results;
    }

    private static void measure(Path dir, int seconds, int[] levels, boolean tls, int batchSize, long batchTimeoutMs,
                                List<Result> results) throws Exception {
        // devnet as the exchange embeds it: the settlement contract deployed as its ledger adapter deploys it
        DevnetConfig config = new LedgerConnection.EmbeddedDevnet(dir).devnetConfig().withPort(tls ? 0 : -1)
                .withBatching(batchSize, java.time.Duration.ofMillis(batchTimeoutMs));
        System.out.printf("devnet RecordTrade benchmark: %d s per level, %s, batch %d tx / %d ms, %d cores, max heap %d MiB%n",
                seconds, tls ? "TLS over 127.0.0.1" : "in-process gRPC", config.maxMessageCount(),
                config.batchTimeout().toMillis(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        try (Devnet devnet = Devnet.start(config)) {
            ManagedChannel channel = tls
                    ? NettyChannelBuilder.forAddress("127.0.0.1", devnet.port())
                            .sslContext(GrpcSslContexts.forClient().trustManager(devnet.tlsRootCertificate()).build())
                            .overrideAuthority(devnet.crypto().peerTls().hostName()).build()
                    : devnet.newInProcessChannel();
            SigningIdentity user = devnet.crypto().user(devnet.operatorMspId());
            try (Gateway gateway = Gateway.newInstance()
                    .identity(new X509Identity(user.mspId(), user.certificate()))
                    .signer(user::signDigest)
                    .connection(channel)
                    .connect()) {
                Contract contract = gateway.getNetwork(config.channelId()).getContract(config.defaultChaincode());
                ProductRegistration product = new ProductRegistration("bench-radar", "1", MERCHANT, sha("bench"),
                        ClassificationLevel.GENERAL, "气象/雷达", SourceType.ENTERPRISE, "meteorology", true, null, null);
                contract.submitTransaction("RegisterProductVersion", CanonicalJson.write(product));
                run(contract, product, 16, 3, "warm-up"); // JIT, connection and thread warm-up, not reported
                for (int clients : levels) {
                    Result result = run(contract, product, clients, seconds, "c" + clients);
                    System.out.println(result);
                    results.add(result);
                }
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    public static Result run(Contract contract, ProductRegistration product, int clients, int seconds, String tag)
            throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong failed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> futures = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                long[] latencies = new long[1024];
                int n = 0;
                for (long i = 0; System.nanoTime() < end; i++) {
                    String tradeId = tag + "-" + client + "-" + i;
                    long t0 = System.nanoTime();
                    try {
                        Status status = contract.newProposal("RecordTrade")
                                .addArguments(trade(tradeId, product)).build().endorse().submitAsync().getStatus();
                        if (status.getCode() != TxValidationCode.VALID) {
                            failed.incrementAndGet();
                            continue;
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        continue;
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = System.nanoTime() - t0;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : futures) {
            all.add(f.get());
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(clients, merged.length, failed.get(), elapsed, merged.length / elapsed,
                percentile(merged, 0.50), percentile(merged, 0.95), percentile(merged, 0.99),
                merged.length == 0 ? 0 : merged[merged.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    static String trade(String tradeId, ProductRegistration p) {
        return CanonicalJson.write(new TradeRequest(tradeId, "order-" + tradeId, p.productId(), p.version(),
                p.contentDigest(), sha(tradeId), "buyer-" + (tradeId.hashCode() & 15), p.merchantId(), 12_345L, "CNY",
                List.of(new SplitLine(p.merchantId(), SplitRole.MERCHANT, 11_000L),
                        new SplitLine("contributor-1", SplitRole.CONTRIBUTOR, 111L),
                        new SplitLine("platform", SplitRole.PLATFORM, 1_234L)),
                "CN-SH", "CN-BJ", Approvals.NONE));
    }

    static String sha(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}

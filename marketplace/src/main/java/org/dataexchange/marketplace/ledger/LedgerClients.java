package org.dataexchange.marketplace.ledger;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dataexchange.devnet.Devnet;
import org.dataexchange.devnet.blocks.BlockStoreException;
import org.dataexchange.devnet.crypto.SigningIdentity;
import org.dataexchange.settlementclient.ClientOptions;
import org.dataexchange.settlementclient.SettlementClient;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * The exchange's two ledger clients, the operator's and the regulator's, over the connections the configuration
 * names. This is where embedding devnet is decided: for an {@link LedgerConnection.EmbeddedDevnet} it starts one
 * devnet (shared by both clients) with the settlement contract, and dials it in-process; for a
 * {@link LedgerConnection.GatewayPeer} it opens a TLS channel and reads the identity's PEM files. It owns the
 * devnet and the channels, and closes them after the clients.
 */
@Singleton
public class LedgerClients implements AutoCloseable {

    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<SettlementClient> clients = new ArrayList<>();
    private Devnet devnet;
    private final SettlementClient operator;
    private final SettlementClient regulator;

    /**
     * Every gRPC call to the ledger (the gateway's evaluate, endorse, submit and commit status, and the event stream) is
     * timed by Micrometer's own gRPC interceptor: {@code grpc.client.processing.duration} by method and status code, so
     * monitoring sees the ledger's latency and its failures (any status but OK).
     */
    private final io.grpc.ClientInterceptor callMetrics;
    private final ClientOptions.Deadlines deadlines;

    public LedgerClients(LedgerProperties properties, @Value("${exchange.data-dir}") String dataDir,
                         io.micrometer.core.instrument.MeterRegistry metrics) throws IOException {
        this.callMetrics = new io.micrometer.core.instrument.binder.grpc.MetricCollectingClientInterceptor(metrics);
        this.deadlines = properties.deadlines();
        Path data = Path.of(dataDir);
        try {
            operator = connect(LedgerConnection.configured(properties, data, LedgerConnection.Role.OPERATOR),
                    LedgerConnection.Role.OPERATOR);
            regulator = connect(LedgerConnection.configured(properties, data, LedgerConnection.Role.REGULATOR),
                    LedgerConnection.Role.REGULATOR);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The operator organisation's client: everything the exchange records. */
    public SettlementClient operator() {
        return operator;
    }

    /** The regulator organisation's own client: the regulator API reads the ledger with it. */
    public SettlementClient regulator() {
        return regulator;
    }

    private synchronized SettlementClient connect(LedgerConnection connection, LedgerConnection.Role role)
            throws IOException {
        SettlementClient client = switch (connection) {
            case LedgerConnection.EmbeddedDevnet embedded -> {
                Devnet net = devnet(embedded);
                SigningIdentity user = net.crypto().user(
                        role == LedgerConnection.Role.OPERATOR ? net.operatorMspId() : net.regulatorMspId());
                // devnet's own signer: Bouncy Castle's P-256, about half the JDK's time per signature
                yield SettlementClient.connect(open(net.newInProcessChannel()),
                        new X509Identity(user.mspId(), user.certificate()), user::signDigest,
                        ClientOptions.of(LedgerConnection.CHANNEL, LedgerConnection.CHAINCODE).withDeadlines(deadlines));
            }
            case LedgerConnection.GatewayPeer peer -> gatewayClient(peer);
        };
        clients.add(client);
        return client;
    }

    private Devnet devnet(LedgerConnection.EmbeddedDevnet embedded) throws IOException {
        if (devnet != null) {
            if (!devnet.config().dataDir().equals(embedded.dataDir())) {
                throw new IllegalStateException("one embedded devnet per exchange: " + devnet.config().dataDir()
                        + " is running, " + embedded.dataDir() + " was asked for");
            }
            return devnet;
        }
        try {
            devnet = Devnet.start(embedded.devnetConfig());
        } catch (BlockStoreException e) {
            throw new IOException("the devnet ledger under " + embedded.dataDir() + " failed verification: "
                    + e.getMessage(), e);
        }
        return devnet;
    }

    private SettlementClient gatewayClient(LedgerConnection.GatewayPeer peer) throws IOException {
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(peer.endpoint())
                .sslContext(GrpcSslContexts.forClient().trustManager(peer.tlsCaCert().toFile()).build());
        if (peer.hostnameOverride() != null && !peer.hostnameOverride().isBlank()) {
            builder.overrideAuthority(peer.hostnameOverride());
        }
        try (Reader certPem = Files.newBufferedReader(peer.cert()); Reader keyPem = Files.newBufferedReader(peer.key())) {
            X509Identity identity = new X509Identity(peer.mspId(), Identities.readX509Certificate(certPem));
            var signer = Signers.newPrivateKeySigner(Identities.readPrivateKey(keyPem));
            return SettlementClient.connect(open(builder.build()), identity, signer,
                    ClientOptions.of(peer.channel(), peer.chaincode()).withDeadlines(deadlines));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the ledger identity " + peer.cert() + " / " + peer.key() + ": "
                    + e.getMessage(), e);
        }
    }

    private io.grpc.Channel open(ManagedChannel channel) {
        channels.add(channel);
        return io.grpc.ClientInterceptors.intercept(channel, callMetrics);
    }

    /** Clients first (their streams), then the channels, then the embedded devnet (it commits what it was handed). */
    @PreDestroy
    @Override
    public synchronized void close() {
        clients.forEach(SettlementClient::close);
        clients.clear();
        for (ManagedChannel channel : channels) {
            channel.shutdown();
            try {
                if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                    channel.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                channel.shutdownNow();
            }
        }
        channels.clear();
        if (devnet != null) {
            devnet.close();
            devnet = null;
        }
    }
}

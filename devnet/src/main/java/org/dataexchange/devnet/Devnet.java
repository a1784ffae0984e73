package org.dataexchange.devnet;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.dataexchange.devnet.blocks.BlockStore;
import org.dataexchange.devnet.blocks.BlockStoreException;
import org.dataexchange.devnet.blocks.GenesisBlock;
import org.dataexchange.devnet.chaincode.ChaincodeDefinition;
import org.dataexchange.devnet.chaincode.ChaincodeRegistry;
import org.dataexchange.devnet.chaincode.QuerySystemChaincode;
import org.dataexchange.devnet.commit.Committer;
import org.dataexchange.devnet.commit.KeyHistory;
import org.dataexchange.devnet.commit.TransactionValidator;
import org.dataexchange.devnet.crypto.CryptoMaterial;
import org.dataexchange.devnet.crypto.MspVerifier;
import org.dataexchange.devnet.crypto.OrgRole;
import org.dataexchange.devnet.crypto.OrgSpec;
import org.dataexchange.devnet.endorser.Endorser;
import org.dataexchange.devnet.endorser.IssuedEndorsements;
import org.dataexchange.devnet.gateway.DeliverService;
import org.dataexchange.devnet.gateway.GatewayService;
import org.dataexchange.devnet.state.WorldState;

/**
 * A running single-node network: one peer (endorser, committer, gateway, deliver) and one orderer in
 * this process, one channel, and the chaincodes its {@link DevnetConfig} hands it. Clients reach it with the Fabric Gateway
 * SDK either in-process ({@link #newInProcessChannel()}) or over TLS on 127.0.0.1 ({@link #endpoint()}).
 */
public final class Devnet implements AutoCloseable {

    private final DevnetConfig config;
    private final CryptoMaterial crypto;
    private final BlockStore blocks;
    private final Committer committer;
    private final ExecutorService streams;
    private final String inProcessName;
    private final Server inProcessServer;
    private final Server tcpServer;
    private final ConnectionProfile profile;

    private Devnet(DevnetConfig config, CryptoMaterial crypto, BlockStore blocks, Committer committer,
                   ExecutorService streams, String inProcessName, Server inProcessServer, Server tcpServer,
                   ConnectionProfile profile) {
        this.config = config;
        this.crypto = crypto;
        this.blocks = blocks;
        this.committer = committer;
        this.streams = streams;
        this.inProcessName = inProcessName;
        this.inProcessServer = inProcessServer;
        this.tcpServer = tcpServer;
        this.profile = profile;
    }

    /**
     * Starts a devnet: generates crypto material on first start, opens the block store (verifying the hash
     * chain; an altered block stops the start with {@link BlockStoreException}), creates the channel's genesis
     * block if there is none, rebuilds the world state from the blocks, and serves.
     */
    public static Devnet start(DevnetConfig config) throws IOException, BlockStoreException {
        Files.createDirectories(config.dataDir());
        CryptoMaterial crypto = CryptoMaterial.loadOrGenerate(config.dataDir().resolve("crypto"), config.orgs());
        MspVerifier msps = MspVerifier.of(crypto);
        BlockStore blocks = BlockStore.open(config.dataDir().resolve("blocks"));
        if (blocks.height() == 0) {
            List<GenesisBlock.ChannelMember> members = new ArrayList<>();
            for (OrgSpec org : config.orgs()) {
                members.add(new GenesisBlock.ChannelMember(org.mspId(), List.of(crypto.caCertificate(org.mspId())),
                        List.of(crypto.tlsCaCertificate(org.mspId())), false));
            }
            blocks.append(GenesisBlock.create(config.channelId(), members, Instant.now()));
        }
        WorldState state = new WorldState();
        Committer.replay(blocks, state);

        OrgSpec operator = config.operatorOrg();
        ChaincodeRegistry chaincodes = new ChaincodeRegistry();
        for (ChaincodeDefinition definition : config.chaincodes()) {
            chaincodes.deploy(definition.name(), definition.version(), definition.chaincode());
        }
        chaincodes.deploy(QuerySystemChaincode.NAME, "syscc", new QuerySystemChaincode(config.channelId(), blocks));
        IssuedEndorsements issued = new IssuedEndorsements();
        Endorser endorser = new Endorser(config.channelId(), msps, crypto.peer(), chaincodes, state,
                new KeyHistory(state, blocks), blocks, issued);
        TransactionValidator validator = new TransactionValidator(config.channelId(), msps, Set.of(operator.mspId()), issued);
        Committer committer = new Committer(blocks, state, validator, config.maxMessageCount(), config.batchTimeout());
        committer.start();

        ExecutorService streams = Executors.newVirtualThreadPerTaskExecutor();
        String peerHost = crypto.peerTls().hostName();
        String inProcessName = "devnet-" + UUID.randomUUID();
        try {
            Server inProcess = InProcessServerBuilder.forName(inProcessName)
                    .addService(new GatewayService(config.channelId(), "in-process:" + inProcessName, operator.mspId(),
                            msps, endorser, committer, blocks, streams))
                    .addService(new DeliverService(config.channelId(), msps, committer, blocks, streams))
                    .build()
                    .start();
            Server tcp = null;
            ConnectionProfile profile = null;
            if (config.port() >= 0) {
                var tls = crypto.peerTls();
                tcp = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", config.port()))
                        .sslContext(GrpcSslContexts.forServer(tls.certificatePath().toFile(), tls.keyPath().toFile()).build())
                        .addService(new GatewayService(config.channelId(), peerHost + ":" + config.port(), operator.mspId(),
                                msps, endorser, committer, blocks, streams))
                        .addService(new DeliverService(config.channelId(), msps, committer, blocks, streams))
                        .build()
                        .start();
                profile = profileFor(config, crypto, tcp.getPort());
                profile.writeTo(config.dataDir());
            }
            return new Devnet(config, crypto, blocks, committer, streams, inProcessName, inProcess, tcp, profile);
        } catch (IOException | RuntimeException e) {
            try {
                committer.close();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            blocks.close();
            throw e;
        }
    }

    private static ConnectionProfile profileFor(DevnetConfig config, CryptoMaterial crypto, int port) {
        List<ConnectionProfile.Identity> identities = new ArrayList<>();
        for (OrgSpec org : config.orgs()) {
            identities.add(new ConnectionProfile.Identity(org.mspId(), org.role().name().toLowerCase(java.util.Locale.ROOT),
                    crypto.userCertPath(org.mspId()).toAbsolutePath().toString(),
                    crypto.userKeyPath(org.mspId()).toAbsolutePath().toString()));
        }
        return new ConnectionProfile("127.0.0.1:" + port, crypto.peerTls().hostName(),
                crypto.tlsCaCertPath().toAbsolutePath().toString(), config.channelId(), config.defaultChaincode(), identities);
    }

    /** A gRPC channel to this devnet inside the process: no TLS, no sockets. */
    public ManagedChannel newInProcessChannel() {
        return InProcessChannelBuilder.forName(inProcessName).directExecutor().build();
    }

    /** {@code 127.0.0.1:port} of the TLS endpoint; null when serving in-process only. */
    public String endpoint() {
        return tcpServer == null ? null : "127.0.0.1:" + tcpServer.getPort();
    }

    public int port() {
        return tcpServer == null ? -1 : tcpServer.getPort();
    }

    /** The connection profile written to {@code dataDir/connection.json}; null when serving in-process only. */
    public ConnectionProfile connectionProfile() {
        return profile;
    }

    public CryptoMaterial crypto() {
        return crypto;
    }

    public DevnetConfig config() {
        return config;
    }

    public long height() {
        return blocks.height();
    }

    /** The peer's TLS CA certificate, which clients trust for the TCP endpoint. */
    public X509Certificate tlsRootCertificate() {
        return crypto.tlsCaCertificate(config.operatorOrg().mspId());
    }

    public String operatorMspId() {
        return config.operatorOrg().mspId();
    }

    public String regulatorMspId() {
        return config.orgs().stream().filter(o -> o.role() == OrgRole.REGULATOR).map(OrgSpec::mspId).findFirst()
                .orElse(null);
    }

    /** Stops serving, lets the committer finish the block in hand, and closes the block store. */
    @Override
    public void close() {
        if (tcpServer != null) {
            tcpServer.shutdown();
        }
        inProcessServer.shutdown();
        streams.shutdownNow();
        try {
            if (tcpServer != null && !tcpServer.awaitTermination(5, TimeUnit.SECONDS)) {
                tcpServer.shutdownNow();
            }
            if (!inProcessServer.awaitTermination(5, TimeUnit.SECONDS)) {
                inProcessServer.shutdownNow();
            }
            committer.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            blocks.close();
        }
    }
}

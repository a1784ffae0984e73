package org.dataexchange.settlementclient;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dataexchange.devnet.ConnectionProfile;
import org.dataexchange.devnet.Devnet;
import org.dataexchange.devnet.DevnetConfig;
import org.dataexchange.devnet.crypto.SigningIdentity;
import org.dataexchange.ledger.SettlementChaincode;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * How the tests reach a ledger, as applications do: a gRPC channel (in-process to a devnet, or TLS to a peer's
 * endpoint) and an MSP identity. It owns the channels it opens and shuts them down on close.
 */
final class LedgerAccess implements AutoCloseable {

    /** A peer's gateway and an identity's PEM files, as a connection.json or an MSP folder gives them. */
    record Peer(String endpoint, Path tlsCaCert, String hostnameOverride, String mspId, Path cert, Path key) {

        static Peer fromProfile(Path devnetDir, String role) throws IOException {
            ConnectionProfile profile = ConnectionProfile.read(devnetDir.resolve(ConnectionProfile.FILE_NAME));
            ConnectionProfile.Identity id = profile.identities().stream().filter(i -> i.role().equals(role))
                    .findFirst().orElseThrow();
            return new Peer(profile.endpoint(), Path.of(profile.tlsCaCertPath()), profile.hostnameOverride(), id.mspId(),
                    Path.of(id.certPath()), Path.of(id.keyPath()));
        }

        Peer at(String otherEndpoint) {
            return new Peer(otherEndpoint, tlsCaCert, hostnameOverride, mspId, cert, key);
        }

        Peer actingWithKeysOf(Peer other) {
            return new Peer(endpoint, tlsCaCert, hostnameOverride, mspId, other.cert(), other.key());
        }
    }

    private final List<ManagedChannel> channels = new ArrayList<>();

    /** devnet's defaults with the settlement contract deployed as {@code settlement}. */
    static DevnetConfig settlementDevnet(Path dir) {
        return DevnetConfig.defaults(dir).withChaincode("settlement", "1.0", new SettlementChaincode());
    }

    /** A client of an in-process devnet acting as one of its generated users. */
    SettlementClient inProcess(Devnet devnet, String mspId, ClientOptions options) {
        SigningIdentity user = devnet.crypto().user(mspId);
        return SettlementClient.connect(open(devnet.newInProcessChannel()), new X509Identity(user.mspId(), user.certificate()),
                user::signDigest, options);
    }

    /** A client of a peer over TLS, with the identity read from PEM files by the SDK's own readers. */
    SettlementClient overTls(Peer peer, ClientOptions options) throws Exception {
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(peer.endpoint())
                .sslContext(GrpcSslContexts.forClient().trustManager(peer.tlsCaCert().toFile()).build());
        if (peer.hostnameOverride() != null) {
            builder.overrideAuthority(peer.hostnameOverride());
        }
        try (Reader certPem = Files.newBufferedReader(peer.cert()); Reader keyPem = Files.newBufferedReader(peer.key())) {
            return SettlementClient.connect(open(builder.build()),
                    new X509Identity(peer.mspId(), Identities.readX509Certificate(certPem)),
                    Signers.newPrivateKeySigner(Identities.readPrivateKey(keyPem)), options);
        }
    }

    private synchronized ManagedChannel open(ManagedChannel channel) {
        channels.add(channel);
        return channel;
    }

    @Override
    public synchronized void close() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        channels.clear();
    }
}

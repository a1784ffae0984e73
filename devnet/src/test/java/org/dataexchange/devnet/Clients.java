package org.dataexchange.devnet;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.dataexchange.devnet.crypto.SigningIdentity;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Identity;
import org.hyperledger.fabric.client.identity.Signer;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/** Fabric Gateway SDK clients of a devnet, as any application would build them. */
final class Clients {

    private Clients() {}

    static Gateway gateway(ManagedChannel channel, SigningIdentity who) {
        return gateway(channel, new X509Identity(who.mspId(), who.certificate()), Signers.newPrivateKeySigner(who.privateKey()),
                UnaryOperator.identity());
    }

    static Gateway gateway(ManagedChannel channel, Identity identity, Signer signer, UnaryOperator<Signer> tamper) {
        return Gateway.newInstance()
                .identity(identity)
                .signer(tamper.apply(signer))
                .connection(channel)
                // generous: a standalone devnet's first TLS call, on a cold JVM of a shared machine, took 8 s to connect
                .evaluateOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                .endorseOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                .submitOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                .commitStatusOptions(o -> o.withDeadlineAfter(60, TimeUnit.SECONDS))
                .connect();
    }

    /** A TLS channel to a standalone devnet from its connection profile, as another tool would open it. */
    static ManagedChannel tlsChannel(ConnectionProfile profile) throws IOException {
        String[] hostPort = profile.endpoint().split(":");
        return NettyChannelBuilder.forAddress(hostPort[0], Integer.parseInt(hostPort[1]))
                .sslContext(GrpcSslContexts.forClient().trustManager(Path.of(profile.tlsCaCertPath()).toFile()).build())
                .overrideAuthority(profile.hostnameOverride())
                .build();
    }

    /** A gateway for the profile's identity of the given role, read from its PEM files. */
    static Gateway gateway(ManagedChannel channel, ConnectionProfile profile, String role)
            throws IOException, CertificateException, java.security.InvalidKeyException {
        ConnectionProfile.Identity id = profile.identities().stream().filter(i -> i.role().equals(role)).findFirst()
                .orElseThrow();
        X509Certificate cert;
        try (Reader r = Files.newBufferedReader(Path.of(id.certPath()))) {
            cert = Identities.readX509Certificate(r);
        }
        PrivateKey key;
        try (Reader r = Files.newBufferedReader(Path.of(id.keyPath()))) {
            key = Identities.readPrivateKey(r);
        }
        return gateway(channel, new X509Identity(id.mspId(), cert), Signers.newPrivateKeySigner(key), UnaryOperator.identity());
    }
}

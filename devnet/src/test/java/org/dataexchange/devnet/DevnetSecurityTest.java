package org.dataexchange.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.dataexchange.devnet.crypto.SigningIdentity;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.identity.Signer;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Permissioning: only identities issued by a channel member's CA, signing correctly, get served. */
class DevnetSecurityTest {

    @TempDir
    Path data;

    private Devnet devnet;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        devnet = Devnet.start(RecordsChaincode.config(data));
        channel = devnet.newInProcessChannel();
        try (Gateway operator = Clients.gateway(channel, devnet.crypto().user("OperatorMSP"))) {
            operator.getNetwork("exchange").getContract(RecordsChaincode.NAME)
                    .submitTransaction("Put", "product/wx", "{\"productId\":\"wx\"}");
        }
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        devnet.close();
    }

    @Test
    void anIdentityFromAnUnknownCaIsRefused() throws Exception {
        KeyPair keys = ecKeys();
        X500Name name = new X500Name("CN=User1@operator.exchange.local,OU=client,O=operator.exchange.local,C=CN");
        Instant now = Instant.now();
        var cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.TEN,
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(30, ChronoUnit.DAYS)), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        try (Gateway impostor = Clients.gateway(channel, new X509Identity("OperatorMSP", cert),
                Signers.newPrivateKeySigner(keys.getPrivate()), UnaryOperator.identity())) {
            Contract contract = impostor.getNetwork("exchange").getContract(RecordsChaincode.NAME);
            assertRefused(() -> contract.evaluateTransaction("Get", "product/wx"), io.grpc.Status.Code.FAILED_PRECONDITION,
                    "access denied: channel [exchange] creator org [OperatorMSP]");
            assertThatThrownBy(() -> contract.submitTransaction("Put", "trade/T-1", RecordsChaincode.trade("T-1")))
                    .isInstanceOf(EndorseException.class)
                    .satisfies(e -> assertThat(((GatewayException) e).getStatus().getCode()).isEqualTo(io.grpc.Status.Code.ABORTED))
                    .satisfies(e -> assertThat(((GatewayException) e).getDetails().get(0).getMessage())
                            .isEqualTo("error validating proposal: access denied: channel [exchange] creator org [OperatorMSP]"));
            // streams and commit status answer as a channel's Readers policy does
            var events = impostor.getNetwork("exchange").getChaincodeEvents(RecordsChaincode.NAME);
            assertThatThrownBy(events::hasNext)
                    .satisfies(e -> assertThat(io.grpc.Status.fromThrowable(e).getCode()).isEqualTo(io.grpc.Status.Code.PERMISSION_DENIED))
                    .hasMessageContaining("0 sub-policies were satisfied");
            events.close();
        }
        try (Gateway unknownMsp = Clients.gateway(channel, new X509Identity("NobodyMSP", cert),
                Signers.newPrivateKeySigner(keys.getPrivate()), UnaryOperator.identity())) {
            assertRefused(() -> unknownMsp.getNetwork("exchange").getContract(RecordsChaincode.NAME).evaluateTransaction("Get", "product/wx"),
                    io.grpc.Status.Code.FAILED_PRECONDITION, "creator org unknown, creator is malformed");
        }
    }

    @Test
    void aTamperedSignatureIsRefused() {
        SigningIdentity user = devnet.crypto().user("OperatorMSP");
        UnaryOperator<Signer> flipByte = signer -> digest -> {
            byte[] sig = signer.sign(digest);
            sig[sig.length - 3] ^= 0x01;
            return sig;
        };
        try (Gateway tampering = Clients.gateway(channel, new X509Identity(user.mspId(), user.certificate()),
                Signers.newPrivateKeySigner(user.privateKey()), flipByte)) {
            Contract contract = tampering.getNetwork("exchange").getContract(RecordsChaincode.NAME);
            assertRefused(() -> contract.evaluateTransaction("Get", "product/wx"), io.grpc.Status.Code.FAILED_PRECONDITION,
                    "access denied: channel [exchange] creator org [OperatorMSP]");
            assertThatThrownBy(() -> contract.submitTransaction("Put", "trade/T-1", RecordsChaincode.trade("T-1")))
                    .isInstanceOf(EndorseException.class)
                    .satisfies(e -> assertThat(((GatewayException) e).getDetails().get(0).getMessage())
                            .isEqualTo("error validating proposal: access denied: channel [exchange] creator org [OperatorMSP]"));
        }
    }

    @Test
    void aSignatureOverOtherBytesIsRefusedAtSubmit() throws Exception {
        SigningIdentity user = devnet.crypto().user("OperatorMSP");
        // Signs proposals correctly but every later message (the transaction envelope) with a wrong digest.
        int[] calls = {0};
        UnaryOperator<Signer> wrongSecond = signer -> digest -> {
            calls[0]++;
            if (calls[0] == 2) {
                digest = digest.clone();
                digest[0] ^= 0x01;
            }
            return signer.sign(digest);
        };
        try (Gateway client = Clients.gateway(channel, new X509Identity(user.mspId(), user.certificate()),
                Signers.newPrivateKeySigner(user.privateKey()), wrongSecond)) {
            Contract contract = client.getNetwork("exchange").getContract(RecordsChaincode.NAME);
            var tx = contract.newProposal("Put").addArguments("trade/T-1", RecordsChaincode.trade("T-1")).build().endorse();
            assertThatThrownBy(tx::submitAsync).isInstanceOf(org.hyperledger.fabric.client.SubmitException.class)
                    .satisfies(e -> assertThat(((GatewayException) e).getStatus().getCode()).isEqualTo(io.grpc.Status.Code.ABORTED))
                    .hasMessageContaining("status=FORBIDDEN");
        }
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, io.grpc.Status.Code code,
                                      String detail) {
        assertThatThrownBy(call).isInstanceOf(GatewayException.class)
                .satisfies(e -> assertThat(((GatewayException) e).getStatus().getCode()).isEqualTo(code))
                .satisfies(e -> assertThat(((GatewayException) e).getDetails().get(0).getMessage()).contains(detail));
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        return gen.generateKeyPair();
    }
}

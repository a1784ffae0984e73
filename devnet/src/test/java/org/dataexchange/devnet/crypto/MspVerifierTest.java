package org.dataexchange.devnet.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MspVerifierTest {

    @TempDir
    Path dir;

    private static final List<OrgSpec> ORGS = List.of(
            new OrgSpec("OperatorMSP", "operator.exchange.local", OrgRole.OPERATOR),
            new OrgSpec("RegulatorMSP", "regulator.exchange.local", OrgRole.REGULATOR));

    @Test
    void generatesFabricsFolderLayoutOnceAndLoadsItAfterwards() throws Exception {
        CryptoMaterial first = CryptoMaterial.loadOrGenerate(dir, ORGS);
        Path org = dir.resolve("peerOrganizations/operator.exchange.local");
        for (String f : List.of("msp/cacerts/ca.operator.exchange.local-cert.pem",
                "msp/tlscacerts/tlsca.operator.exchange.local-cert.pem",
                "users/User1@operator.exchange.local/msp/signcerts/cert.pem",
                "users/User1@operator.exchange.local/msp/keystore/priv_sk",
                "users/Admin@operator.exchange.local/msp/cacerts/ca.operator.exchange.local-cert.pem",
                "peers/peer0.operator.exchange.local/tls/server.crt",
                "peers/peer0.operator.exchange.local/tls/server.key",
                "peers/peer0.operator.exchange.local/tls/ca.crt")) {
            assertThat(org.resolve(f)).as(f).exists();
        }
        assertThat(Files.readString(first.userKeyPath("OperatorMSP"))).startsWith("-----BEGIN PRIVATE KEY-----");
        List<Object> sans = first.peerTls().certificate().getSubjectAlternativeNames().stream()
                .map(n -> (Object) n.get(1)).toList();
        assertThat(sans).contains("peer0.operator.exchange.local", "localhost", "127.0.0.1");
        first.peerTls().certificate().verify(first.tlsCaCertificate("OperatorMSP").getPublicKey());

        CryptoMaterial again = CryptoMaterial.loadOrGenerate(dir, ORGS);
        assertThat(again.user("OperatorMSP").certificate()).isEqualTo(first.user("OperatorMSP").certificate());
        assertThat(again.caCertificate("RegulatorMSP")).isEqualTo(first.caCertificate("RegulatorMSP"));
    }

    @Test
    void acceptsMembersAndTheirSignaturesOnly() throws Exception {
        CryptoMaterial crypto = CryptoMaterial.loadOrGenerate(dir, ORGS);
        MspVerifier msps = MspVerifier.of(crypto);
        SigningIdentity user = crypto.user("RegulatorMSP");
        byte[] message = new byte[200];
        new SecureRandom().nextBytes(message);
        VerifiedIdentity id = msps.verify(user.serialized());
        assertThat(id.mspId()).isEqualTo("RegulatorMSP");
        byte[] signature = user.sign(message);
        msps.verifySignature(id, message, signature);

        byte[] flipped = signature.clone();
        flipped[flipped.length - 1] ^= 1;
        assertThatThrownBy(() -> msps.verifySignature(id, message, flipped)).isInstanceOf(IdentityException.class);
        assertThatThrownBy(() -> msps.verifySignature(id, message, highS(signature)))
                .isInstanceOf(IdentityException.class).hasMessageContaining("lower-S");

        CryptoMaterial stranger = CryptoMaterial.loadOrGenerate(dir.resolve("other"), ORGS);
        assertThatThrownBy(() -> msps.verify(stranger.user("OperatorMSP").serialized()))
                .isInstanceOf(IdentityException.class).hasMessageContaining("unknown authority");
        SigningIdentity renamed = new SigningIdentity("NobodyMSP", user.certificate(), user.privateKey());
        assertThatThrownBy(() -> msps.verify(renamed.serialized()))
                .isInstanceOf(IdentityException.class).hasMessageContaining("MSP NobodyMSP is unknown");
        SigningIdentity ca = new SigningIdentity("OperatorMSP", crypto.caCertificate("OperatorMSP"), user.privateKey());
        assertThatThrownBy(() -> msps.verify(ca.serialized())).isInstanceOf(IdentityException.class);
        assertThatThrownBy(() -> msps.verify(new byte[] {1, 2, 3})).isInstanceOf(IdentityException.class);
    }

    private static byte[] highS(byte[] der) throws Exception {
        ASN1Sequence seq = ASN1Sequence.getInstance(der);
        BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
        BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(r));
        v.add(new ASN1Integer(SigningIdentity.P256_ORDER.subtract(s)));
        return new DERSequence(v).getEncoded("DER");
    }
}

package org.dataexchange.devnet.crypto;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/** An MSP member that signs: its certificate and private key (ECDSA P-256, as Fabric's default MSP). */
public record SigningIdentity(String mspId, X509Certificate certificate, PrivateKey privateKey) {

    /** Order of the P-256 group; Fabric accepts only signatures with s in the lower half. */
    static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    static final BigInteger P256_HALF_ORDER = P256_ORDER.shiftRight(1);

    /** {@code SerializedIdentity{mspid, id_bytes = PEM certificate}}, the creator bytes Fabric clients send. */
    public byte[] serialized() {
        return SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(ByteString.copyFromUtf8(PemFiles.certificatePem(certificate)))
                .build()
                .toByteArray();
    }

    /** ECDSA over SHA-256 of {@code message}, DER-encoded, with low S. */
    public byte[] sign(byte[] message) {
        try {
            return signDigest(MessageDigest.getInstance("SHA-256").digest(message));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * ECDSA of an already computed SHA-256 digest, DER-encoded, with low S: the contract of the Fabric Gateway
     * SDK's {@code Signer}, so {@code identity::signDigest} can sign for a client. Bouncy Castle's P-256
     * arithmetic with a precomputed base point signs in about half the JDK's time.
     */
    public byte[] signDigest(byte[] digest) {
        if (!(privateKey instanceof ECPrivateKey ec)) {
            throw new IllegalStateException("only ECDSA P-256 keys are supported");
        }
        ECDSASigner signer = new ECDSASigner();
        signer.init(true, new ParametersWithRandom(new ECPrivateKeyParameters(ec.getS(), P256_DOMAIN), RANDOM));
        BigInteger[] rs = signer.generateSignature(digest);
        BigInteger s = rs[1].compareTo(P256_HALF_ORDER) > 0 ? P256_ORDER.subtract(rs[1]) : rs[1];
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(rs[0]));
        v.add(new ASN1Integer(s));
        try {
            return new DERSequence(v).getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding failed", e);
        }
    }

    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters P256_DOMAIN =
            new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());
    private static final SecureRandom RANDOM = new SecureRandom();
}

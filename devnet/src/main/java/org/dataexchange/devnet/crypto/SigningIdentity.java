package org.dataexchange.devnet.crypto;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
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
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(privateKey);
            signer.update(message);
            return lowS(signer.sign());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    static byte[] lowS(byte[] der) throws IOException {
        ASN1Sequence seq = ASN1Sequence.getInstance(der);
        BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
        BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
        if (s.compareTo(P256_HALF_ORDER) <= 0) {
            return der;
        }
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(r));
        v.add(new ASN1Integer(P256_ORDER.subtract(s)));
        return new DERSequence(v).getEncoded("DER");
    }
}

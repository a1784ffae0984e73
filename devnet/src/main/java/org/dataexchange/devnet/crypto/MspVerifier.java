package org.dataexchange.devnet.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * The membership check a Fabric peer applies to every creator: the MSP is a channel member, the
 * certificate chains to one of its root CAs, is in its validity period and is not a CA; and signatures are
 * ECDSA-SHA256 with low S.
 */
public final class MspVerifier {

    private static final int CACHE_LIMIT = 10_000;

    private final Map<String, List<X509Certificate>> rootCertsByMsp;
    /** X.509 chain checks are slow and every request repeats the same creator; signatures are always checked. */
    private final Map<String, VerifiedIdentity> verified = new ConcurrentHashMap<>();

    public MspVerifier(Map<String, List<X509Certificate>> rootCertsByMsp) {
        this.rootCertsByMsp = Map.copyOf(rootCertsByMsp);
    }

    public static MspVerifier of(CryptoMaterial crypto) {
        Map<String, List<X509Certificate>> roots = new HashMap<>();
        for (OrgSpec org : crypto.orgs()) {
            roots.put(org.mspId(), List.of(crypto.caCertificate(org.mspId())));
        }
        return new MspVerifier(roots);
    }

    public VerifiedIdentity verify(byte[] serializedIdentity) throws IdentityException {
        String cacheKey = digest(serializedIdentity);
        VerifiedIdentity cached = verified.get(cacheKey);
        if (cached != null) {
            checkValidity(cached.certificate());
            return cached;
        }
        SerializedIdentity id;
        try {
            id = SerializedIdentity.parseFrom(serializedIdentity);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IdentityException("could not deserialize a SerializedIdentity: " + e.getMessage());
        }
        List<X509Certificate> roots = rootCertsByMsp.get(id.getMspid());
        if (roots == null) {
            throw new IdentityException("MSP " + id.getMspid() + " is unknown");
        }
        X509Certificate cert;
        try {
            cert = PemFiles.parseCertificate(id.getIdBytes().toString(StandardCharsets.UTF_8));
        } catch (java.security.cert.CertificateException e) {
            throw new IdentityException("could not decode the certificate of an " + id.getMspid() + " identity: "
                    + e.getMessage());
        }
        if (cert.getBasicConstraints() >= 0) {
            throw new IdentityException("a CA certificate cannot be used as an identity");
        }
        checkValidity(cert);
        if (!signedByOneOf(cert, roots)) {
            throw new IdentityException("the supplied identity is not valid: x509: certificate signed by unknown authority"
                    + " (not issued by a CA of " + id.getMspid() + ")");
        }
        VerifiedIdentity identity = new VerifiedIdentity(id.getMspid(), cert, serializedIdentity.clone());
        if (verified.size() >= CACHE_LIMIT) {
            verified.clear();
        }
        verified.put(cacheKey, identity);
        return identity;
    }

    public void verifySignature(VerifiedIdentity identity, byte[] message, byte[] derSignature) throws IdentityException {
        if (!isLowS(derSignature)) {
            throw new IdentityException("signature verification failed: signature is not in lower-S form");
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(identity.certificate().getPublicKey());
            verifier.update(message);
            if (!verifier.verify(derSignature)) {
                throw new IdentityException("signature verification failed");
            }
        } catch (GeneralSecurityException e) {
            throw new IdentityException("signature verification failed: " + e.getMessage());
        }
    }

    private static boolean isLowS(byte[] der) {
        try {
            ASN1Sequence seq = ASN1Sequence.getInstance(der);
            if (seq.size() != 2) {
                return false;
            }
            BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
            return s.signum() > 0 && s.compareTo(SigningIdentity.P256_HALF_ORDER) <= 0;
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    private static void checkValidity(X509Certificate cert) throws IdentityException {
        try {
            cert.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new IdentityException("the supplied identity is not valid: certificate has expired or is not yet valid");
        }
    }

    private static boolean signedByOneOf(X509Certificate cert, List<X509Certificate> roots) {
        for (X509Certificate root : roots) {
            if (!root.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                continue;
            }
            try {
                cert.verify(root.getPublicKey());
                return true;
            } catch (GeneralSecurityException notThisRoot) {
                // try the next root
            }
        }
        return false;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.dataexchange.devnet.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
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
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
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
            throw new IdentityException(IdentityException.Reason.MALFORMED_OR_UNKNOWN_MSP, "could not deserialize a SerializedIdentity: " + e.getMessage());
        }
        List<X509Certificate> roots = rootCertsByMsp.get(id.getMspid());
        if (roots == null) {
            throw new IdentityException(IdentityException.Reason.MALFORMED_OR_UNKNOWN_MSP, "MSP " + id.getMspid() + " is unknown");
        }
        X509Certificate cert;
        try {
            cert = PemFiles.parseCertificate(id.getIdBytes().toString(StandardCharsets.UTF_8));
        } catch (java.security.cert.CertificateException e) {
            throw new IdentityException(IdentityException.Reason.MALFORMED_OR_UNKNOWN_MSP, "could not decode the certificate of an " + id.getMspid() + " identity: "
                    + e.getMessage());
        }
        if (cert.getBasicConstraints() >= 0) {
            throw new IdentityException(IdentityException.Reason.UNTRUSTED, "a CA certificate cannot be used as an identity");
        }
        checkValidity(cert);
        if (!signedByOneOf(cert, roots)) {
            throw new IdentityException(IdentityException.Reason.UNTRUSTED, "the supplied identity is not valid: x509: certificate signed by unknown authority"
                    + " (not issued by a CA of " + id.getMspid() + ")");
        }
        VerifiedIdentity identity = new VerifiedIdentity(id.getMspid(), cert, serializedIdentity.clone(),
                verificationKey(cert));
        if (verified.size() >= CACHE_LIMIT) {
            verified.clear();
        }
        verified.put(cacheKey, identity);
        return identity;
    }

    /**
     * Verifies an ECDSA-SHA256 signature (DER, low S) by the identity over {@code message}. Bouncy Castle's
     * verifier with the identity's prepared key is several times faster than the JDK's for repeated keys,
     * and every transaction needs several verifications.
     */
    public void verifySignature(VerifiedIdentity identity, byte[] message, byte[] derSignature) throws IdentityException {
        BigInteger r;
        BigInteger s;
        try {
            ASN1Sequence seq = ASN1Sequence.getInstance(derSignature);
            if (seq.size() != 2) {
                throw new IdentityException(IdentityException.Reason.BAD_SIGNATURE, "signature verification failed: malformed ECDSA signature");
            }
            r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
            s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
        } catch (RuntimeException malformed) {
            throw new IdentityException(IdentityException.Reason.BAD_SIGNATURE, "signature verification failed: malformed ECDSA signature");
        }
        if (s.signum() <= 0 || s.compareTo(SigningIdentity.P256_HALF_ORDER) > 0) {
            throw new IdentityException(IdentityException.Reason.BAD_SIGNATURE, "signature verification failed: signature is not in lower-S form");
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, identity.verificationKey());
        if (!verifier.verifySignature(sha256(message), r, s)) {
            throw new IdentityException(IdentityException.Reason.BAD_SIGNATURE, "signature verification failed");
        }
    }

    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters P256_DOMAIN =
            new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());

    private static ECPublicKeyParameters verificationKey(X509Certificate cert) throws IdentityException {
        if (!(cert.getPublicKey() instanceof ECPublicKey ec)
                || !ec.getParams().getOrder().equals(P256.getN())) {
            throw new IdentityException(IdentityException.Reason.UNTRUSTED, "the supplied identity is not valid: only ECDSA P-256 keys are supported");
        }
        return new ECPublicKeyParameters(P256_DOMAIN.getCurve().createPoint(ec.getW().getAffineX(), ec.getW().getAffineY()),
                P256_DOMAIN);
    }

    private static byte[] sha256(byte[] message) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(message);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkValidity(X509Certificate cert) throws IdentityException {
        try {
            cert.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new IdentityException(IdentityException.Reason.EXPIRED, "the supplied identity is not valid: certificate has expired or is not yet valid");
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

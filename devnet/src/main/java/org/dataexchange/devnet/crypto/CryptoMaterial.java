package org.dataexchange.devnet.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The network's identities, made on first start as Fabric's cryptogen makes them and loaded afterwards:
 * per organisation a CA and a TLS CA (EC P-256), an Admin and a User1, and for the operator organisation
 * the peer with its TLS server certificate. Layout (per organisation, under {@code peerOrganizations/<domain>/}):
 * {@code ca/}, {@code tlsca/}, {@code msp/{cacerts,tlscacerts}}, {@code users/<name>@<domain>/msp/{signcerts,
 * keystore,cacerts,tlscacerts}}, {@code peers/peer0.<domain>/msp/...} and {@code peers/peer0.<domain>/tls/
 * {server.crt,server.key,ca.crt}}. Keys are PKCS#8 PEM.
 */
public final class CryptoMaterial {

    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration LEAF_VALIDITY = Duration.ofDays(3650);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Org(OrgSpec spec, SigningIdentity ca, SigningIdentity tlsCa, SigningIdentity admin, SigningIdentity user,
                       Path dir) {}

    private final Map<String, Org> orgs;
    private final SigningIdentity peer;
    private final TlsServerMaterial peerTls;

    private CryptoMaterial(Map<String, Org> orgs, SigningIdentity peer, TlsServerMaterial peerTls) {
        this.orgs = orgs;
        this.peer = peer;
        this.peerTls = peerTls;
    }

    /** Loads what exists under {@code cryptoDir} and generates what is missing. */
    public static CryptoMaterial loadOrGenerate(Path cryptoDir, List<OrgSpec> specs) throws IOException {
        Map<String, Org> orgs = new LinkedHashMap<>();
        SigningIdentity peer = null;
        TlsServerMaterial peerTls = null;
        try {
            for (OrgSpec spec : specs) {
                Path dir = cryptoDir.resolve("peerOrganizations").resolve(spec.domain());
                SigningIdentity ca = loadOrCreateCa(dir.resolve("ca"), "ca." + spec.domain(), spec);
                SigningIdentity tlsCa = loadOrCreateCa(dir.resolve("tlsca"), "tlsca." + spec.domain(), spec);
                PemFiles.writeCertificate(dir.resolve("msp/cacerts/ca." + spec.domain() + "-cert.pem"), ca.certificate());
                PemFiles.writeCertificate(dir.resolve("msp/tlscacerts/tlsca." + spec.domain() + "-cert.pem"),
                        tlsCa.certificate());
                SigningIdentity admin = loadOrCreateMember(dir.resolve("users/Admin@" + spec.domain()),
                        "Admin@" + spec.domain(), "admin", spec, ca, tlsCa);
                SigningIdentity user = loadOrCreateMember(dir.resolve("users/User1@" + spec.domain()),
                        "User1@" + spec.domain(), "client", spec, ca, tlsCa);
                orgs.put(spec.mspId(), new Org(spec, ca, tlsCa, admin, user, dir));
                if (spec.role() == OrgRole.OPERATOR) {
                    Path peerDir = dir.resolve("peers/peer0." + spec.domain());
                    peer = loadOrCreateMember(peerDir, "peer0." + spec.domain(), "peer", spec, ca, tlsCa);
                    peerTls = loadOrCreateTlsServer(peerDir.resolve("tls"), "peer0." + spec.domain(), spec, tlsCa);
                }
            }
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot create crypto material under " + cryptoDir, e);
        }
        if (peer == null) {
            throw new IllegalArgumentException("one organisation must have the OPERATOR role: it runs the peer");
        }
        return new CryptoMaterial(orgs, peer, peerTls);
    }

    public List<OrgSpec> orgs() {
        return orgs.values().stream().map(Org::spec).toList();
    }

    public X509Certificate caCertificate(String mspId) {
        return org(mspId).ca().certificate();
    }

    public X509Certificate tlsCaCertificate(String mspId) {
        return org(mspId).tlsCa().certificate();
    }

    /** The peer's signing identity (endorsements). */
    public SigningIdentity peer() {
        return peer;
    }

    public TlsServerMaterial peerTls() {
        return peerTls;
    }

    /** {@code User1} of the organisation: the identity applications use. */
    public SigningIdentity user(String mspId) {
        return org(mspId).user();
    }

    public SigningIdentity admin(String mspId) {
        return org(mspId).admin();
    }

    public Path userCertPath(String mspId) {
        Org o = org(mspId);
        return o.dir().resolve("users/User1@" + o.spec().domain() + "/msp/signcerts/cert.pem");
    }

    public Path userKeyPath(String mspId) {
        Org o = org(mspId);
        return o.dir().resolve("users/User1@" + o.spec().domain() + "/msp/keystore/priv_sk");
    }

    /** The TLS CA certificate clients trust for the peer's endpoint. */
    public Path tlsCaCertPath() {
        return peerTls.caCertificatePath();
    }

    private Org org(String mspId) {
        Org o = orgs.get(mspId);
        if (o == null) {
            throw new IllegalArgumentException("no organisation with MSP id " + mspId);
        }
        return o;
    }

    private static SigningIdentity loadOrCreateCa(Path dir, String commonName, OrgSpec spec)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        Path certFile = dir.resolve(commonName + "-cert.pem");
        Path keyFile = dir.resolve("priv_sk");
        if (Files.exists(certFile) && Files.exists(keyFile)) {
            return new SigningIdentity(spec.mspId(), PemFiles.readCertificate(certFile), PemFiles.readPrivateKey(keyFile));
        }
        KeyPair keys = newKeyPair();
        X500Name name = name(commonName, null, spec);
        Instant now = Instant.now();
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(), java.util.Date.from(now.minusSeconds(300)),
                java.util.Date.from(now.plus(CA_VALIDITY)), name, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                        | KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}))
                .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        X509Certificate cert = sign(b, keys.getPrivate());
        PemFiles.writePrivateKey(keyFile, keys.getPrivate());
        PemFiles.writeCertificate(certFile, cert);
        return new SigningIdentity(spec.mspId(), cert, keys.getPrivate());
    }

    private static SigningIdentity loadOrCreateMember(Path dir, String commonName, String ou, OrgSpec spec,
                                                      SigningIdentity ca, SigningIdentity tlsCa)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        Path certFile = dir.resolve("msp/signcerts/cert.pem");
        Path keyFile = dir.resolve("msp/keystore/priv_sk");
        if (Files.exists(certFile) && Files.exists(keyFile)) {
            return new SigningIdentity(spec.mspId(), PemFiles.readCertificate(certFile), PemFiles.readPrivateKey(keyFile));
        }
        KeyPair keys = newKeyPair();
        Instant now = Instant.now();
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca.certificate(), serial(),
                java.util.Date.from(now.minusSeconds(300)), java.util.Date.from(now.plus(LEAF_VALIDITY)),
                name(commonName, ou, spec), keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        ext.createAuthorityKeyIdentifier(ca.certificate().getPublicKey()));
        X509Certificate cert = sign(b, ca.privateKey());
        PemFiles.writePrivateKey(keyFile, keys.getPrivate());
        PemFiles.writeCertificate(certFile, cert);
        PemFiles.writeCertificate(dir.resolve("msp/cacerts/ca." + spec.domain() + "-cert.pem"), ca.certificate());
        PemFiles.writeCertificate(dir.resolve("msp/tlscacerts/tlsca." + spec.domain() + "-cert.pem"), tlsCa.certificate());
        return new SigningIdentity(spec.mspId(), cert, keys.getPrivate());
    }

    private static TlsServerMaterial loadOrCreateTlsServer(Path dir, String host, OrgSpec spec, SigningIdentity tlsCa)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        Path certFile = dir.resolve("server.crt");
        Path keyFile = dir.resolve("server.key");
        Path caFile = dir.resolve("ca.crt");
        if (!(Files.exists(certFile) && Files.exists(keyFile) && Files.exists(caFile))) {
            KeyPair keys = newKeyPair();
            Instant now = Instant.now();
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(tlsCa.certificate(), serial(),
                    java.util.Date.from(now.minusSeconds(300)), java.util.Date.from(now.plus(LEAF_VALIDITY)),
                    name(host, "peer", spec), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.dNSName, host),
                            new GeneralName(GeneralName.dNSName, "localhost"),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1")}))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(tlsCa.certificate().getPublicKey()));
            X509Certificate cert = sign(b, tlsCa.privateKey());
            PemFiles.writePrivateKey(keyFile, keys.getPrivate());
            PemFiles.writeCertificate(certFile, cert);
            PemFiles.writeCertificate(caFile, tlsCa.certificate());
        }
        return new TlsServerMaterial(host, PemFiles.readCertificate(certFile), PemFiles.readPrivateKey(keyFile),
                certFile, keyFile, caFile);
    }

    private static X500Name name(String commonName, String ou, OrgSpec spec) {
        List<String> parts = new ArrayList<>();
        parts.add("CN=" + commonName);
        if (ou != null) {
            parts.add("OU=" + ou);
        }
        parts.add("O=" + spec.domain());
        parts.add("L=Shanghai");
        parts.add("C=CN");
        return new X500Name(String.join(",", parts));
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return gen.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(128, RANDOM);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws OperatorCreationException, java.security.cert.CertificateException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }
}

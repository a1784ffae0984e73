package org.dataexchange.devnet.crypto;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** PEM certificates and PKCS#8 private keys, the file formats of Fabric's MSP folders. */
public final class PemFiles {

    private PemFiles() {}

    public static String certificatePem(X509Certificate cert) {
        try {
            StringWriter out = new StringWriter();
            try (PemWriter writer = new PemWriter(out)) {
                writer.writeObject(new PemObject("CERTIFICATE", cert.getEncoded()));
            }
            return out.toString();
        } catch (IOException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode certificate", e);
        }
    }

    public static String privateKeyPem(PrivateKey key) {
        try {
            StringWriter out = new StringWriter();
            try (PemWriter writer = new PemWriter(out)) {
                writer.writeObject(new JcaPKCS8Generator(key, null).generate());
            }
            return out.toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode private key", e);
        }
    }

    public static X509Certificate parseCertificate(String pem) throws CertificateException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object obj = parser.readObject();
            if (!(obj instanceof X509CertificateHolder holder)) {
                throw new CertificateException("not a PEM certificate");
            }
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (IOException e) {
            throw new CertificateException("malformed PEM certificate: " + e.getMessage(), e);
        }
    }

    public static X509Certificate readCertificate(Path file) throws IOException {
        try {
            return parseCertificate(Files.readString(file));
        } catch (CertificateException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    public static PrivateKey readPrivateKey(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            Object obj = parser.readObject();
            if (obj instanceof PrivateKeyInfo info) {
                return new JcaPEMKeyConverter().getPrivateKey(info);
            }
            throw new IOException(file + " does not hold a PKCS#8 private key");
        }
    }

    public static void writeCertificate(Path file, X509Certificate cert) throws IOException {
        writeAtomically(file, certificatePem(cert), false);
    }

    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        writeAtomically(file, privateKeyPem(key), true);
    }

    private static void writeAtomically(Path file, String content, boolean secret) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        if (secret) {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on file systems without POSIX permissions
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

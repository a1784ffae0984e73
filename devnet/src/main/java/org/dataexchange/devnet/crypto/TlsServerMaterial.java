package org.dataexchange.devnet.crypto;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** The peer's TLS server certificate, key and CA, with the host name the certificate names. */
public record TlsServerMaterial(String hostName, X509Certificate certificate, PrivateKey privateKey,
                                Path certificatePath, Path keyPath, Path caCertificatePath) {}

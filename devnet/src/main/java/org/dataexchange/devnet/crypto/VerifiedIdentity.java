package org.dataexchange.devnet.crypto;

import java.security.cert.X509Certificate;

/** A creator whose certificate chains to its MSP's CA. */
public record VerifiedIdentity(String mspId, X509Certificate certificate, byte[] serialized) {}

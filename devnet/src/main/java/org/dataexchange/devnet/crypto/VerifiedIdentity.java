package org.dataexchange.devnet.crypto;

import java.security.cert.X509Certificate;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * A creator whose certificate chains to its MSP's CA, with its public key prepared for repeated ECDSA
 * verification (the precomputation for the key's point stays attached to it across verifications).
 */
public record VerifiedIdentity(String mspId, X509Certificate certificate, byte[] serialized,
                               ECPublicKeyParameters verificationKey) {}

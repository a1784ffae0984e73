package org.dataexchange.devnet.endorser;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Endorsements this peer signed and that are not yet committed. At commit, an endorsement found here is
 * known authentic without verifying its ECDSA signature again (the exact bytes were signed here); anything
 * else, or anything after a restart, is verified in full.
 */
public final class IssuedEndorsements {

    /** Bounded: endorsements never submitted would otherwise accumulate. */
    private static final int LIMIT = 200_000;

    private final Set<String> issued = ConcurrentHashMap.newKeySet();

    void remember(ByteString proposalResponsePayload, ByteString endorser, byte[] signature) {
        if (issued.size() >= LIMIT) {
            issued.clear();
        }
        issued.add(fingerprint(proposalResponsePayload, endorser, signature));
    }

    /** True, once, if this peer issued exactly this endorsement. */
    public boolean takeIfIssued(ByteString proposalResponsePayload, ByteString endorser, ByteString signature) {
        return issued.remove(fingerprint(proposalResponsePayload, endorser, signature.toByteArray()));
    }

    private static String fingerprint(ByteString prp, ByteString endorser, byte[] signature) {
        MessageDigest sha = Proposals.sha256();
        sha.update(prp.asReadOnlyByteBuffer());
        sha.update(endorser.asReadOnlyByteBuffer());
        sha.update(signature);
        return HexFormat.of().formatHex(sha.digest());
    }
}

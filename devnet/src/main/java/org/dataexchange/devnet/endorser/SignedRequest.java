package org.dataexchange.devnet.endorser;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import org.dataexchange.devnet.crypto.IdentityException;
import org.dataexchange.devnet.crypto.MspVerifier;
import org.dataexchange.devnet.crypto.VerifiedIdentity;

/** Verification of a creator and its signature over some bytes, the check before any request is served. */
public final class SignedRequest {

    private SignedRequest() {}

    public static VerifiedIdentity verify(MspVerifier msps, ByteString creator, ByteString signedBytes,
                                          ByteString signature) throws ProposalRejectedException {
        VerifiedIdentity identity;
        try {
            identity = msps.verify(creator.toByteArray());
        } catch (IdentityException e) {
            throw new ProposalRejectedException(Status.Code.PERMISSION_DENIED,
                    "access denied: creator certificate is not valid: " + e.getMessage());
        }
        try {
            msps.verifySignature(identity, signedBytes.toByteArray(), signature.toByteArray());
        } catch (IdentityException e) {
            throw new ProposalRejectedException(Status.Code.PERMISSION_DENIED,
                    "access denied: signature verification failed: " + e.getMessage());
        }
        return identity;
    }
}

package org.dataexchange.devnet.endorser;

import com.google.protobuf.ByteString;
import org.dataexchange.devnet.crypto.IdentityException;
import org.dataexchange.devnet.crypto.MspVerifier;
import org.dataexchange.devnet.crypto.VerifiedIdentity;

/** Checks of a creator and its signature, worded as a Fabric peer words its refusals. */
public final class SignedRequest {

    private SignedRequest() {}

    /** The endorser's proposal check (core/endorser): refusals read "access denied: channel [...] creator org ...". */
    public static VerifiedIdentity verifyProposalCreator(MspVerifier msps, String channelId, ByteString creator,
                                                         ByteString signedBytes, ByteString signature)
            throws ProposalRejectedException {
        VerifiedIdentity identity;
        try {
            identity = msps.verify(creator.toByteArray());
        } catch (IdentityException e) {
            throw new ProposalRejectedException(ProposalRejectedException.Kind.INVALID, switch (e.reason()) {
                case EXPIRED -> "proposal client identity expired";
                case MALFORMED_OR_UNKNOWN_MSP -> "error validating proposal: access denied: channel [" + channelId
                        + "] creator org unknown, creator is malformed";
                default -> "error validating proposal: access denied: channel [" + channelId + "] creator org ["
                        + mspIdOf(creator) + "]";
            });
        }
        try {
            msps.verifySignature(identity, signedBytes.toByteArray(), signature.toByteArray());
        } catch (IdentityException e) {
            throw new ProposalRejectedException(ProposalRejectedException.Kind.INVALID,
                    "error validating proposal: access denied: channel [" + channelId + "] creator org ["
                            + identity.mspId() + "]");
        }
        return identity;
    }

    /**
     * A channel policy check over signed data (Readers for commit status and events, Writers for ordering):
     * any identity or signature problem means no member signature satisfied the policy, as Fabric reports it.
     */
    public static boolean satisfiesPolicy(MspVerifier msps, ByteString creator, ByteString signedBytes,
                                          ByteString signature) {
        try {
            VerifiedIdentity identity = msps.verify(creator.toByteArray());
            msps.verifySignature(identity, signedBytes.toByteArray(), signature.toByteArray());
            return true;
        } catch (IdentityException e) {
            return false;
        }
    }

    /** Fabric's ImplicitMeta refusal for an ANY policy that no signature satisfied. */
    public static String implicitPolicyFailure(String subPolicy) {
        return "implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the '"
                + subPolicy + "' sub-policies to be satisfied";
    }

    private static String mspIdOf(ByteString creator) {
        try {
            return org.hyperledger.fabric.protos.msp.SerializedIdentity.parseFrom(creator).getMspid();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return "";
        }
    }
}

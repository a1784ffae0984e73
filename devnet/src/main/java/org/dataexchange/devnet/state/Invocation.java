package org.dataexchange.devnet.state;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * What a chaincode sees of the proposal that invokes it.
 *
 * @param binding SHA-256(nonce || creator || epoch), as {@code ChaincodeStub.getBinding}
 */
public record Invocation(
        String channelId,
        String txId,
        Instant timestamp,
        byte[] creator,
        List<byte[]> args,
        Map<String, byte[]> transientMap,
        SignedProposal signedProposal,
        byte[] binding) {}

package org.dataexchange.devnet.endorser;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/** Parsing and the checksums Fabric defines on proposals (protoutil's rules, re-implemented). */
public final class Proposals {

    private Proposals() {}

    /** A proposal taken apart, every layer parsed once. */
    public record ParsedProposal(
            SignedProposal signed,
            Proposal proposal,
            Header header,
            ChannelHeader channelHeader,
            SignatureHeader signatureHeader,
            String chaincodeName,
            ChaincodeProposalPayload payload,
            ChaincodeInvocationSpec invocation) {

        public String txId() {
            return channelHeader.getTxId();
        }

        public Instant timestamp() {
            return Instant.ofEpochSecond(channelHeader.getTimestamp().getSeconds(), channelHeader.getTimestamp().getNanos());
        }
    }

    public static ParsedProposal parse(SignedProposal signed) throws ProposalRejectedException {
        try {
            Proposal proposal = Proposal.parseFrom(signed.getProposalBytes());
            Header header = Header.parseFrom(proposal.getHeader());
            ChannelHeader ch = ChannelHeader.parseFrom(header.getChannelHeader());
            SignatureHeader sh = SignatureHeader.parseFrom(header.getSignatureHeader());
            if (ch.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
                throw new ProposalRejectedException(ProposalRejectedException.Kind.INVALID,
                        "error validating proposal: invalid header type " + HeaderType.forNumber(ch.getType()));
            }
            ChaincodeHeaderExtension ext = ChaincodeHeaderExtension.parseFrom(ch.getExtension());
            ChaincodeProposalPayload payload = ChaincodeProposalPayload.parseFrom(proposal.getPayload());
            ChaincodeInvocationSpec invocation = ChaincodeInvocationSpec.parseFrom(payload.getInput());
            String name = ext.getChaincodeId().getName();
            if (name.isEmpty()) {
                name = invocation.getChaincodeSpec().getChaincodeId().getName();
            }
            if (name.isEmpty()) {
                throw new ProposalRejectedException(ProposalRejectedException.Kind.MALFORMED,
                        "ChaincodeHeaderExtension.ChaincodeId.Name is empty");
            }
            if (ch.getEpoch() != 0) {
                throw new ProposalRejectedException(ProposalRejectedException.Kind.INVALID,
                        "error validating proposal: epoch is non-zero");
            }
            if (sh.getNonce().isEmpty()) {
                throw new ProposalRejectedException(ProposalRejectedException.Kind.INVALID,
                        "error validating proposal: nonce is empty");
            }
            if (sh.getCreator().isEmpty()) {
                throw new ProposalRejectedException(ProposalRejectedException.Kind.INVALID,
                        "error validating proposal: creator is empty");
            }
            String expectedTxId = computeTxId(sh.getNonce(), sh.getCreator());
            if (!expectedTxId.equals(ch.getTxId())) {
                throw new ProposalRejectedException(ProposalRejectedException.Kind.INVALID,
                        "error validating proposal: incorrectly computed txid '" + ch.getTxId() + "' -- expected '"
                                + expectedTxId + "'");
            }
            if (signed.getSignature().isEmpty()) {
                throw new ProposalRejectedException(ProposalRejectedException.Kind.INVALID,
                        "error validating proposal: empty signature bytes");
            }
            return new ParsedProposal(signed, proposal, header, ch, sh, name, payload, invocation);
        } catch (InvalidProtocolBufferException e) {
            throw new ProposalRejectedException(ProposalRejectedException.Kind.MALFORMED,
                    "failed to unpack transaction proposal: " + e.getMessage());
        }
    }

    /** Fabric's transaction id: hex(SHA-256(nonce || creator)). */
    public static String computeTxId(ByteString nonce, ByteString creator) {
        MessageDigest sha = sha256();
        sha.update(nonce.asReadOnlyByteBuffer());
        sha.update(creator.asReadOnlyByteBuffer());
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The binding chaincode sees: SHA-256(nonce || creator || epoch as little-endian uint64). */
    public static byte[] binding(ParsedProposal p) {
        MessageDigest sha = sha256();
        sha.update(p.signatureHeader().getNonce().asReadOnlyByteBuffer());
        sha.update(p.signatureHeader().getCreator().asReadOnlyByteBuffer());
        sha.update(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(p.channelHeader().getEpoch()).flip());
        return sha.digest();
    }

    /** The proposal payload as it goes into a transaction: the transient map is private to the endorsers. */
    public static ChaincodeProposalPayload withoutTransient(ChaincodeProposalPayload payload) {
        return payload.getTransientMapCount() == 0 ? payload : payload.toBuilder().clearTransientMap().build();
    }

    /** protoutil.GetProposalHash1: SHA-256(channel header || signature header || payload without transient data). */
    public static byte[] proposalHash(Header header, ChaincodeProposalPayload payload) {
        MessageDigest sha = sha256();
        sha.update(header.getChannelHeader().asReadOnlyByteBuffer());
        sha.update(header.getSignatureHeader().asReadOnlyByteBuffer());
        sha.update(withoutTransient(payload).toByteString().asReadOnlyByteBuffer());
        return sha.digest();
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.dataexchange.devnet.endorser;

import com.google.protobuf.ByteString;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dataexchange.devnet.blocks.BlockStore;
import org.dataexchange.devnet.chaincode.ChaincodeRegistry;
import org.dataexchange.devnet.crypto.MspVerifier;
import org.dataexchange.devnet.crypto.SigningIdentity;
import org.dataexchange.devnet.crypto.VerifiedIdentity;
import org.dataexchange.devnet.endorser.Proposals.ParsedProposal;
import org.dataexchange.devnet.state.HistoryReader;
import org.dataexchange.devnet.state.Invocation;
import org.dataexchange.devnet.state.TransactionSimulator;
import org.dataexchange.devnet.state.WorldState;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.shim.Chaincode;

/**
 * The peer's endorser: checks the signed proposal, simulates the chaincode against the committed state,
 * and signs the result. For a submit it also assembles the transaction envelope the client signs and
 * sends back, as the gateway's Endorse does.
 */
public final class Endorser {

    /** Chaincode answers at or above this status are failures, as in Fabric's shim. */
    public static final int ERROR_THRESHOLD = 400;

    private final String channelId;
    private final MspVerifier msps;
    private final SigningIdentity peer;
    private final ChaincodeRegistry chaincodes;
    private final WorldState state;
    private final HistoryReader history;
    private final BlockStore blocks;
    private final IssuedEndorsements issued;

    public Endorser(String channelId, MspVerifier msps, SigningIdentity peer, ChaincodeRegistry chaincodes,
                    WorldState state, HistoryReader history, BlockStore blocks, IssuedEndorsements issued) {
        this.channelId = channelId;
        this.msps = msps;
        this.peer = peer;
        this.chaincodes = chaincodes;
        this.state = state;
        this.history = history;
        this.blocks = blocks;
        this.issued = issued;
    }

    /** The outcome of a simulation: the signed proposal response (or the failed chaincode answer). */
    public record Simulation(ParsedProposal proposal, VerifiedIdentity creator, Response response,
                             ProposalResponse proposalResponse) {
        public boolean failed() {
            return response.getStatus() >= ERROR_THRESHOLD;
        }
    }

    /** Verifies and simulates; the proposal response is signed only when the chaincode succeeded. */
    public Simulation simulate(SignedProposal signed) throws ProposalRejectedException {
        ParsedProposal p = Proposals.parse(signed);
        if (!channelId.equals(p.channelHeader().getChannelId())) {
            throw new ProposalRejectedException(ProposalRejectedException.Kind.UNKNOWN_CHANNEL,
                    "channel '" + p.channelHeader().getChannelId() + "' not found");
        }
        VerifiedIdentity creator = SignedRequest.verifyProposalCreator(msps, channelId, p.signatureHeader().getCreator(),
                signed.getProposalBytes(), signed.getSignature());
        if (blocks.containsTx(p.txId())) {
            throw new ProposalRejectedException(ProposalRejectedException.Kind.INVALID, "duplicate transaction found ["
                    + p.txId() + "]. Creator [" + java.util.HexFormat.of().formatHex(creator.serialized()) + "]");
        }
        Chaincode chaincode = chaincodes.find(p.chaincodeName());
        if (chaincode == null) {
            throw new ProposalRejectedException(ProposalRejectedException.Kind.UNKNOWN_CHAINCODE,
                    "No metadata was found for chaincode " + p.chaincodeName() + " in channel " + channelId);
        }
        Map<String, byte[]> transientMap = new LinkedHashMap<>();
        p.payload().getTransientMapMap().forEach((k, v) -> transientMap.put(k, v.toByteArray()));
        List<byte[]> args = p.invocation().getChaincodeSpec().getInput().getArgsList().stream()
                .map(ByteString::toByteArray).toList();
        Invocation invocation = new Invocation(channelId, p.txId(), p.timestamp(), p.signatureHeader().getCreator()
                .toByteArray(), args, transientMap, signed, Proposals.binding(p));
        TransactionSimulator sim = new TransactionSimulator(state, history, p.chaincodeName(), invocation, peer.mspId());
        Chaincode.Response answer;
        try {
            answer = chaincode.invoke(sim);
        } catch (RuntimeException e) {
            answer = new Chaincode.Response(Chaincode.Response.Status.INTERNAL_SERVER_ERROR,
                    "chaincode failed: " + e.getMessage(), null);
        }
        Response response = Response.newBuilder()
                .setStatus(answer.getStatus().getCode())
                .setMessage(answer.getMessage() == null ? "" : answer.getMessage())
                .setPayload(answer.getPayload() == null ? ByteString.EMPTY : ByteString.copyFrom(answer.getPayload()))
                .build();
        if (response.getStatus() >= ERROR_THRESHOLD) {
            return new Simulation(p, creator, response, ProposalResponse.newBuilder().setVersion(1)
                    .setResponse(response).build());
        }
        ChaincodeAction.Builder action = ChaincodeAction.newBuilder()
                .setResults(sim.readWriteSet().toByteString())
                .setResponse(response)
                .setChaincodeId(ChaincodeID.newBuilder().setName(p.chaincodeName()).setVersion(chaincodes.version(p.chaincodeName())));
        if (sim.getEvent() != null) {
            action.setEvents(sim.getEvent().toByteString());
        }
        ByteString prp = ProposalResponsePayload.newBuilder()
                .setProposalHash(ByteString.copyFrom(Proposals.proposalHash(p.header(), p.payload())))
                .setExtension(action.build().toByteString())
                .build()
                .toByteString();
        ByteString endorser = ByteString.copyFrom(peer.serialized());
        byte[] signature = peer.sign(prp.concat(endorser).toByteArray());
        issued.remember(prp, endorser, signature);
        ProposalResponse proposalResponse = ProposalResponse.newBuilder()
                .setVersion(1)
                .setResponse(response)
                .setPayload(prp)
                .setEndorsement(Endorsement.newBuilder().setEndorser(endorser).setSignature(ByteString.copyFrom(signature)))
                .build();
        return new Simulation(p, creator, response, proposalResponse);
    }

    /** protoutil.CreateSignedTx without the client's signature: the envelope the client signs and submits. */
    public static Envelope preparedTransaction(Simulation s) {
        ParsedProposal p = s.proposal();
        ChaincodeActionPayload actionPayload = ChaincodeActionPayload.newBuilder()
                .setChaincodeProposalPayload(Proposals.withoutTransient(p.payload()).toByteString())
                .setAction(ChaincodeEndorsedAction.newBuilder()
                        .setProposalResponsePayload(s.proposalResponse().getPayload())
                        .addEndorsements(s.proposalResponse().getEndorsement()))
                .build();
        Transaction tx = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder()
                        .setHeader(p.header().getSignatureHeader())
                        .setPayload(actionPayload.toByteString()))
                .build();
        Payload payload = Payload.newBuilder()
                .setHeader(p.header())
                .setData(tx.toByteString())
                .build();
        return Envelope.newBuilder().setPayload(payload.toByteString()).build();
    }
}

package org.dataexchange.devnet.gateway;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.dataexchange.devnet.blocks.BlockStore;
import org.dataexchange.devnet.commit.Committer;
import org.dataexchange.devnet.commit.StoredTransactions;
import org.dataexchange.devnet.commit.TxStatus;
import org.dataexchange.devnet.crypto.MspVerifier;
import org.dataexchange.devnet.endorser.Endorser;
import org.dataexchange.devnet.endorser.Endorser.Simulation;
import org.dataexchange.devnet.endorser.ProposalRejectedException;
import org.dataexchange.devnet.endorser.SignedRequest;
import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsResponse;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.CommitStatusResponse;
import org.hyperledger.fabric.protos.gateway.EndorseRequest;
import org.hyperledger.fabric.protos.gateway.EndorseResponse;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.EvaluateResponse;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SignedChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SubmitRequest;
import org.hyperledger.fabric.protos.gateway.SubmitResponse;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The peer's gateway service (Fabric's internal/pkg/gateway), for a single-peer, single-orderer network:
 * Evaluate and Endorse run the local endorser, Submit hands the envelope to ordering, CommitStatus waits
 * for the transaction's block, ChaincodeEvents streams events from committed blocks.
 */
public final class GatewayService extends GatewayGrpc.GatewayImplBase {

    private final String channelId;
    private final String peerAddress;
    private final String peerMspId;
    private final MspVerifier msps;
    private final Endorser endorser;
    private final Committer committer;
    private final BlockStore blocks;
    private final ExecutorService streams;

    public GatewayService(String channelId, String peerAddress, String peerMspId, MspVerifier msps, Endorser endorser,
                          Committer committer, BlockStore blocks, ExecutorService streams) {
        this.channelId = channelId;
        this.peerAddress = peerAddress;
        this.peerMspId = peerMspId;
        this.msps = msps;
        this.endorser = endorser;
        this.committer = committer;
        this.blocks = blocks;
        this.streams = streams;
    }

    @Override
    public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> out) {
        try {
            Simulation s = endorser.simulate(request.getProposedTransaction());
            if (s.failed()) {
                String message = chaincodeFailure(s);
                out.onError(RpcErrors.error(Status.Code.UNKNOWN, "evaluate call to endorser returned error: " + message,
                        RpcErrors.detail(peerAddress, peerMspId, message)));
                return;
            }
            out.onNext(EvaluateResponse.newBuilder().setResult(s.response()).build());
            out.onCompleted();
        } catch (ProposalRejectedException e) {
            out.onError(switch (e.kind()) {
                case MALFORMED -> RpcErrors.error(Status.Code.INVALID_ARGUMENT, e.getMessage());
                case UNKNOWN_CHANNEL -> RpcErrors.error(Status.Code.UNAVAILABLE, "failed to get config for channel ["
                        + channelOf(request.getChannelId()) + "]: could not get last config for channel "
                        + channelOf(request.getChannelId()));
                case UNKNOWN_CHAINCODE -> RpcErrors.error(Status.Code.FAILED_PRECONDITION,
                        "no peers available to evaluate chaincode " + chaincodeOf(e) + " in channel " + channelId);
                case INVALID -> RpcErrors.error(Status.Code.FAILED_PRECONDITION,
                        "evaluate call to endorser returned error: " + e.getMessage(),
                        RpcErrors.detail(peerAddress, peerMspId, e.getMessage()));
            });
        } catch (RuntimeException e) {
            out.onError(RpcErrors.error(Status.Code.INTERNAL, "evaluate failed: " + e.getMessage()));
        }
    }

    @Override
    public void endorse(EndorseRequest request, StreamObserver<EndorseResponse> out) {
        try {
            Simulation s = endorser.simulate(request.getProposedTransaction());
            if (s.failed()) {
                out.onError(RpcErrors.error(Status.Code.ABORTED,
                        "failed to endorse transaction, see attached details for more info",
                        RpcErrors.detail(peerAddress, peerMspId, chaincodeFailure(s))));
                return;
            }
            out.onNext(EndorseResponse.newBuilder().setPreparedTransaction(Endorser.preparedTransaction(s)).build());
            out.onCompleted();
        } catch (ProposalRejectedException e) {
            out.onError(switch (e.kind()) {
                case MALFORMED -> RpcErrors.error(Status.Code.INVALID_ARGUMENT, e.getMessage());
                case UNKNOWN_CHANNEL, UNKNOWN_CHAINCODE -> RpcErrors.error(Status.Code.FAILED_PRECONDITION,
                        "no combination of peers can be derived which satisfy the endorsement policy: "
                                + (e.kind() == ProposalRejectedException.Kind.UNKNOWN_CHAINCODE ? e.getMessage()
                                : "No metadata was found for chaincode in channel " + channelOf(request.getChannelId())));
                case INVALID -> RpcErrors.error(Status.Code.ABORTED,
                        "failed to endorse transaction, see attached details for more info",
                        RpcErrors.detail(peerAddress, peerMspId, e.getMessage()));
            });
        } catch (RuntimeException e) {
            out.onError(RpcErrors.error(Status.Code.INTERNAL, "endorse failed: " + e.getMessage()));
        }
    }

    @Override
    public void submit(SubmitRequest request, StreamObserver<SubmitResponse> out) {
        Envelope env = request.getPreparedTransaction();
        if (env.getSignature().isEmpty()) {
            out.onError(RpcErrors.error(Status.Code.INVALID_ARGUMENT, "prepared transaction must be signed"));
            return;
        }
        if (!channelId.equals(request.getChannelId())) {
            out.onError(RpcErrors.error(Status.Code.FAILED_PRECONDITION, "failed to get config for channel ["
                    + request.getChannelId() + "]: could not get last config for channel " + request.getChannelId()));
            return;
        }
        try {
            Payload payload = Payload.parseFrom(env.getPayload());
            SignatureHeader sh = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
            // The ordering service admits only envelopes signed by a member: the channel's Writers policy.
            if (!SignedRequest.satisfiesPolicy(msps, sh.getCreator(), env.getPayload(), env.getSignature())) {
                out.onError(RpcErrors.error(Status.Code.ABORTED, "received unsuccessful response from orderer: status=FORBIDDEN, info="
                        + SignedRequest.implicitPolicyFailure("Writers") + ": permission denied"));
                return;
            }
            committer.order(env);
            out.onNext(SubmitResponse.getDefaultInstance());
            out.onCompleted();
        } catch (InvalidProtocolBufferException e) {
            out.onError(RpcErrors.error(Status.Code.ABORTED,
                    "received unsuccessful response from orderer: status=BAD_REQUEST, info=" + e.getMessage()));
        } catch (RuntimeException e) {
            out.onError(RpcErrors.error(Status.Code.UNAVAILABLE, "no orderers could successfully process transaction"));
        }
    }

    @Override
    public void commitStatus(SignedCommitStatusRequest signed, StreamObserver<CommitStatusResponse> out) {
        CommitStatusRequest request;
        try {
            request = CommitStatusRequest.parseFrom(signed.getRequest());
        } catch (InvalidProtocolBufferException e) {
            out.onError(RpcErrors.error(Status.Code.INVALID_ARGUMENT, "invalid status request: " + e.getMessage()));
            return;
        }
        if (request.getIdentity().isEmpty()) {
            out.onError(RpcErrors.error(Status.Code.INVALID_ARGUMENT, "no identity provided"));
            return;
        }
        if (request.getTransactionId().isEmpty()) {
            out.onError(RpcErrors.error(Status.Code.INVALID_ARGUMENT, "transaction ID should not be empty"));
            return;
        }
        String denial = readersDenial(request.getChannelId(), request.getIdentity(), signed.getRequest(), signed.getSignature());
        if (denial != null) {
            out.onError(RpcErrors.error(Status.Code.PERMISSION_DENIED, denial));
            return;
        }
        CompletableFuture<TxStatus> status = committer.status(request.getTransactionId());
        Context.current().addListener(ctx -> committer.forget(request.getTransactionId(), status), Runnable::run);
        status.whenComplete((s, failure) -> {
            if (failure != null) {
                out.onError(RpcErrors.error(Status.Code.ABORTED, failure.getMessage()));
            } else {
                out.onNext(CommitStatusResponse.newBuilder().setResult(s.code()).setBlockNumber(s.blockNumber()).build());
                out.onCompleted();
            }
        });
    }

    /** Null when the signed request satisfies the channel's Readers policy, else Fabric's refusal text. */
    private String readersDenial(String channel, ByteString identity, ByteString request, ByteString signature) {
        if (!channelId.equals(channel)) {
            return "Failed to get policy manager for channel [" + channel + "]";
        }
        if (SignedRequest.satisfiesPolicy(msps, identity, request, signature)) {
            return null;
        }
        return "Failed evaluating policy on signed data during check policy on channel [" + channel
                + "] with policy [/Channel/Application/Readers]: [" + SignedRequest.implicitPolicyFailure("Readers") + "]";
    }

    private String channelOf(String requested) {
        return requested.isEmpty() ? channelId : requested;
    }

    private static String chaincodeOf(ProposalRejectedException e) {
        String m = e.getMessage();
        int at = m.indexOf("chaincode ");
        int end = m.indexOf(" in channel");
        return at >= 0 && end > at ? m.substring(at + 10, end) : "";
    }

    @Override
    public void chaincodeEvents(SignedChaincodeEventsRequest signed, StreamObserver<ChaincodeEventsResponse> out) {
        ChaincodeEventsRequest request;
        try {
            request = ChaincodeEventsRequest.parseFrom(signed.getRequest());
        } catch (InvalidProtocolBufferException e) {
            out.onError(RpcErrors.error(Status.Code.INVALID_ARGUMENT, "invalid chaincode events request: " + e.getMessage()));
            return;
        }
        String denial = readersDenial(request.getChannelId(), request.getIdentity(), signed.getRequest(), signed.getSignature());
        if (denial != null) {
            out.onError(RpcErrors.error(Status.Code.PERMISSION_DENIED, denial));
            return;
        }
        long start;
        String after = request.getAfterTransactionId();
        var afterTx = after.isEmpty() ? java.util.Optional.<BlockStore.TxLocation>empty() : blocks.locate(after);
        if (afterTx.isPresent()) {
            start = afterTx.get().blockNumber();
        } else {
            SeekPosition position = request.getStartPosition();
            switch (position.getTypeCase()) {
                case SPECIFIED -> start = position.getSpecified().getNumber();
                case NEXT_COMMIT, TYPE_NOT_SET -> start = blocks.height();
                default -> {
                    out.onError(RpcErrors.error(Status.Code.INVALID_ARGUMENT, "invalid start position type: *orderer.SeekPosition_"
                            + (position.getTypeCase() == SeekPosition.TypeCase.OLDEST ? "Oldest" : "Newest")));
                    return;
                }
            }
        }
        ServerCallStreamObserver<ChaincodeEventsResponse> call = (ServerCallStreamObserver<ChaincodeEventsResponse>) out;
        Context context = Context.current();
        streams.execute(() -> context.run(() -> streamEvents(request, start, call)));
    }

    /**
     * Streams the chaincode's events from valid transactions, one response per block that has any. With an
     * after-transaction id, events are held back until that transaction's event has passed, as Fabric does.
     */
    private void streamEvents(ChaincodeEventsRequest request, long start, ServerCallStreamObserver<ChaincodeEventsResponse> call) {
        boolean waitingForAfterTx = !request.getAfterTransactionId().isEmpty();
        try {
            for (long n = start; !call.isCancelled(); n++) {
                while (!committer.awaitBlock(n, Duration.ofMillis(500))) {
                    if (call.isCancelled()) {
                        return;
                    }
                }
                Block block = blocks.block(n);
                ChaincodeEventsResponse.Builder response = ChaincodeEventsResponse.newBuilder().setBlockNumber(n);
                byte[] filter = block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE).toByteArray();
                for (int i = 0; i < block.getData().getDataCount(); i++) {
                    if (i >= filter.length || filter[i] != TxValidationCode.VALID_VALUE) {
                        continue;
                    }
                    ChaincodeEvent event;
                    try {
                        Envelope env = Envelope.parseFrom(block.getData().getData(i));
                        if (StoredTransactions.channelHeader(env).getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
                            continue;
                        }
                        event = StoredTransactions.event(env);
                    } catch (InvalidProtocolBufferException | IndexOutOfBoundsException unreadable) {
                        continue;
                    }
                    if (event == null || event.getChaincodeId().isEmpty() || event.getTxId().isEmpty()) {
                        continue;
                    }
                    if (waitingForAfterTx) {
                        waitingForAfterTx = !event.getTxId().equals(request.getAfterTransactionId());
                        continue;
                    }
                    if (event.getChaincodeId().equals(request.getChaincodeId())) {
                        response.addEvents(event);
                    }
                }
                if (response.getEventsCount() > 0) {
                    synchronized (call) {
                        call.onNext(response.build());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.onError(Status.UNAVAILABLE.withDescription("devnet is shutting down").asRuntimeException());
        } catch (RuntimeException e) {
            if (!call.isCancelled()) {
                call.onError(RpcErrors.error(Status.Code.ABORTED, e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
    }

    private static String chaincodeFailure(Simulation s) {
        return "chaincode response " + s.response().getStatus() + ", " + s.response().getMessage();
    }

}

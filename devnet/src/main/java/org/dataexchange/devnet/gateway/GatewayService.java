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
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
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
            requireChannel(request.getChannelId());
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
            out.onError(RpcErrors.error(Status.Code.UNKNOWN,
                    "evaluate call to endorser returned error: " + e.getMessage(),
                    RpcErrors.detail(peerAddress, peerMspId, e.getMessage())));
        } catch (RuntimeException e) {
            out.onError(RpcErrors.error(Status.Code.INTERNAL, "evaluate failed: " + e.getMessage()));
        }
    }

    @Override
    public void endorse(EndorseRequest request, StreamObserver<EndorseResponse> out) {
        try {
            requireChannel(request.getChannelId());
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
            out.onError(RpcErrors.error(Status.Code.ABORTED,
                    "failed to endorse transaction, see attached details for more info",
                    RpcErrors.detail(peerAddress, peerMspId, e.getMessage())));
        } catch (RuntimeException e) {
            out.onError(RpcErrors.error(Status.Code.INTERNAL, "endorse failed: " + e.getMessage()));
        }
    }

    @Override
    public void submit(SubmitRequest request, StreamObserver<SubmitResponse> out) {
        try {
            requireChannel(request.getChannelId());
            Envelope env = request.getPreparedTransaction();
            Payload payload = Payload.parseFrom(env.getPayload());
            ChannelHeader ch = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            SignatureHeader sh = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
            if (!channelId.equals(ch.getChannelId())) {
                throw new ProposalRejectedException(Status.Code.NOT_FOUND, "channel '" + ch.getChannelId() + "' not found");
            }
            // The ordering service checks the channel's Writers policy: a valid member signature on the envelope.
            SignedRequest.verify(msps, sh.getCreator(), env.getPayload(), env.getSignature());
            committer.order(env);
            out.onNext(SubmitResponse.getDefaultInstance());
            out.onCompleted();
        } catch (ProposalRejectedException e) {
            out.onError(RpcErrors.error(Status.Code.ABORTED,
                    "received unsuccessful response from orderer: status=FORBIDDEN, info=" + e.getMessage(),
                    RpcErrors.detail(peerAddress, peerMspId, e.getMessage())));
        } catch (InvalidProtocolBufferException e) {
            out.onError(RpcErrors.error(Status.Code.INVALID_ARGUMENT, "failed to unmarshal transaction: " + e.getMessage()));
        } catch (RuntimeException e) {
            out.onError(RpcErrors.error(Status.Code.UNAVAILABLE, "failed to send transaction to orderer: " + e.getMessage()));
        }
    }

    @Override
    public void commitStatus(SignedCommitStatusRequest signed, StreamObserver<CommitStatusResponse> out) {
        CommitStatusRequest request;
        try {
            request = CommitStatusRequest.parseFrom(signed.getRequest());
            requireChannel(request.getChannelId());
            SignedRequest.verify(msps, request.getIdentity(), signed.getRequest(), signed.getSignature());
        } catch (InvalidProtocolBufferException e) {
            out.onError(RpcErrors.error(Status.Code.INVALID_ARGUMENT, "failed to unmarshal request: " + e.getMessage()));
            return;
        } catch (ProposalRejectedException e) {
            out.onError(RpcErrors.error(Status.Code.PERMISSION_DENIED, e.getMessage()));
            return;
        }
        CompletableFuture<TxStatus> status = committer.status(request.getTransactionId());
        Context.current().addListener(ctx -> committer.forget(request.getTransactionId(), status), Runnable::run);
        status.whenComplete((s, failure) -> {
            if (failure != null) {
                out.onError(RpcErrors.error(Status.Code.UNAVAILABLE, "commit status unavailable: " + failure.getMessage()));
            } else {
                out.onNext(CommitStatusResponse.newBuilder().setResult(s.code()).setBlockNumber(s.blockNumber()).build());
                out.onCompleted();
            }
        });
    }

    @Override
    public void chaincodeEvents(SignedChaincodeEventsRequest signed, StreamObserver<ChaincodeEventsResponse> out) {
        ChaincodeEventsRequest request;
        try {
            request = ChaincodeEventsRequest.parseFrom(signed.getRequest());
            requireChannel(request.getChannelId());
            SignedRequest.verify(msps, request.getIdentity(), signed.getRequest(), signed.getSignature());
        } catch (InvalidProtocolBufferException e) {
            out.onError(RpcErrors.error(Status.Code.INVALID_ARGUMENT, "failed to unmarshal request: " + e.getMessage()));
            return;
        } catch (ProposalRejectedException e) {
            out.onError(RpcErrors.error(Status.Code.PERMISSION_DENIED, e.getMessage()));
            return;
        }
        ServerCallStreamObserver<ChaincodeEventsResponse> call = (ServerCallStreamObserver<ChaincodeEventsResponse>) out;
        long start = startBlock(request.getStartPosition());
        Context context = Context.current();
        streams.execute(() -> context.run(() -> streamEvents(request, start, call)));
    }

    private void streamEvents(ChaincodeEventsRequest request, long start, ServerCallStreamObserver<ChaincodeEventsResponse> call) {
        boolean skipping = !request.getAfterTransactionId().isEmpty();
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
                    Envelope env = Envelope.parseFrom(block.getData().getData(i));
                    if (skipping && n == start) {
                        if (StoredTransactions.channelHeader(env).getTxId().equals(request.getAfterTransactionId())) {
                            skipping = false;
                        }
                        continue;
                    }
                    if (n == 0 || filter[i] != TxValidationCode.VALID_VALUE) {
                        continue;
                    }
                    ChaincodeEvent event = StoredTransactions.event(env);
                    if (event != null && event.getChaincodeId().equals(request.getChaincodeId())) {
                        response.addEvents(event);
                    }
                }
                skipping = false;
                if (response.getEventsCount() > 0) {
                    synchronized (call) {
                        call.onNext(response.build());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.onError(Status.UNAVAILABLE.withDescription("devnet is shutting down").asRuntimeException());
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            if (!call.isCancelled()) {
                call.onError(Status.INTERNAL.withDescription("event stream failed: " + e.getMessage()).asRuntimeException());
            }
        }
    }

    /** Where an event stream starts; without a position, at the next block to be committed, as Fabric does. */
    private long startBlock(SeekPosition position) {
        return switch (position.getTypeCase()) {
            case SPECIFIED -> position.getSpecified().getNumber();
            case OLDEST -> 0;
            case NEWEST -> blocks.height() - 1;
            default -> blocks.height();
        };
    }

    private void requireChannel(String channel) throws ProposalRejectedException {
        if (!channelId.equals(channel)) {
            throw new ProposalRejectedException(Status.Code.NOT_FOUND, "channel '" + channel + "' not found");
        }
    }

    private static String chaincodeFailure(Simulation s) {
        return "chaincode response " + s.response().getStatus() + ", " + s.response().getMessage();
    }

}

package org.dataexchange.devnet.gateway;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Context;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.dataexchange.devnet.blocks.BlockStore;
import org.dataexchange.devnet.commit.Committer;
import org.dataexchange.devnet.commit.StoredTransactions;
import org.dataexchange.devnet.crypto.MspVerifier;
import org.dataexchange.devnet.endorser.SignedRequest;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.hyperledger.fabric.protos.peer.FilteredBlock;
import org.hyperledger.fabric.protos.peer.FilteredChaincodeAction;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.FilteredTransactionActions;

/**
 * The peer's block delivery service: a signed seek request names a start and a stop position; blocks (or
 * filtered blocks: transaction ids, validation codes and chaincode events without payloads) are streamed
 * as they are committed, then a SUCCESS status when the stop position is reached.
 */
public final class DeliverService extends DeliverGrpc.DeliverImplBase {

    private final String channelId;
    private final MspVerifier msps;
    private final Committer committer;
    private final BlockStore blocks;
    private final ExecutorService streams;

    public DeliverService(String channelId, MspVerifier msps, Committer committer, BlockStore blocks,
                          ExecutorService streams) {
        this.channelId = channelId;
        this.msps = msps;
        this.committer = committer;
        this.blocks = blocks;
        this.streams = streams;
    }

    @Override
    public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> out) {
        return new SeekRequests((ServerCallStreamObserver<DeliverResponse>) out, false);
    }

    @Override
    public StreamObserver<Envelope> deliverFiltered(StreamObserver<DeliverResponse> out) {
        return new SeekRequests((ServerCallStreamObserver<DeliverResponse>) out, true);
    }

    @Override
    public StreamObserver<Envelope> deliverWithPrivateData(StreamObserver<DeliverResponse> out) {
        // No private data collections on this channel: the blocks are the whole answer.
        return new SeekRequests((ServerCallStreamObserver<DeliverResponse>) out, false);
    }

    private final class SeekRequests implements StreamObserver<Envelope> {
        private final ServerCallStreamObserver<DeliverResponse> out;
        private final boolean filtered;

        SeekRequests(ServerCallStreamObserver<DeliverResponse> out, boolean filtered) {
            this.out = out;
            this.filtered = filtered;
        }

        @Override
        public void onNext(Envelope request) {
            Context context = Context.current();
            streams.execute(() -> context.run(() -> serve(request)));
        }

        @Override
        public void onError(Throwable t) {
            // client went away; the serving loop sees the cancellation
        }

        @Override
        public void onCompleted() {
            // Fabric keeps serving the current seek; the stream ends when it does.
        }

        private void serve(Envelope request) {
            SeekInfo seek;
            try {
                Payload payload = Payload.parseFrom(request.getPayload());
                ChannelHeader ch = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
                SignatureHeader sh = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
                if (!channelId.equals(ch.getChannelId())) {
                    finish(Status.NOT_FOUND);
                    return;
                }
                if (ch.getType() != HeaderType.DELIVER_SEEK_INFO_VALUE) {
                    finish(Status.BAD_REQUEST);
                    return;
                }
                if (!SignedRequest.satisfiesPolicy(msps, sh.getCreator(), request.getPayload(), request.getSignature())) {
                    finish(Status.FORBIDDEN);
                    return;
                }
                seek = SeekInfo.parseFrom(payload.getData());
            } catch (InvalidProtocolBufferException e) {
                finish(Status.BAD_REQUEST);
                return;
            }
            long height = blocks.height();
            long start = position(seek.getStart(), height, 0);
            long stop = position(seek.getStop(), height, Long.MAX_VALUE);
            if (stop < start) {
                finish(Status.BAD_REQUEST);
                return;
            }
            try {
                for (long n = start; n <= stop && !out.isCancelled(); n++) {
                    if (blocks.height() <= n && seek.getBehavior() == SeekInfo.SeekBehavior.FAIL_IF_NOT_READY) {
                        finish(Status.NOT_FOUND);
                        return;
                    }
                    while (!committer.awaitBlock(n, Duration.ofMillis(500))) {
                        if (out.isCancelled()) {
                            return;
                        }
                    }
                    Block block = blocks.block(n);
                    DeliverResponse response = filtered
                            ? DeliverResponse.newBuilder().setFilteredBlock(filter(block)).build()
                            : DeliverResponse.newBuilder().setBlock(block).build();
                    synchronized (out) {
                        out.onNext(response);
                    }
                }
                finish(Status.SUCCESS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finish(Status.SERVICE_UNAVAILABLE);
            } catch (RuntimeException e) {
                finish(Status.INTERNAL_SERVER_ERROR);
            }
        }

        private void finish(Status status) {
            if (out.isCancelled()) {
                return;
            }
            synchronized (out) {
                out.onNext(DeliverResponse.newBuilder().setStatus(status).build());
                out.onCompleted();
            }
        }
    }

    private static long position(SeekPosition p, long height, long unset) {
        return switch (p.getTypeCase()) {
            case OLDEST -> 0;
            case NEWEST -> height - 1;
            case SPECIFIED -> p.getSpecified().getNumber() == -1L ? Long.MAX_VALUE : p.getSpecified().getNumber();
            case NEXT_COMMIT -> height;
            default -> unset;
        };
    }

    private FilteredBlock filter(Block block) {
        FilteredBlock.Builder fb = FilteredBlock.newBuilder().setChannelId(channelId).setNumber(block.getHeader().getNumber());
        byte[] codes = block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE).toByteArray();
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            try {
                Envelope env = Envelope.parseFrom(block.getData().getData(i));
                ChannelHeader ch = StoredTransactions.channelHeader(env);
                FilteredTransaction.Builder ft = FilteredTransaction.newBuilder()
                        .setTxid(ch.getTxId())
                        .setType(HeaderType.forNumber(ch.getType()) == null ? HeaderType.MESSAGE : HeaderType.forNumber(ch.getType()))
                        .setTxValidationCodeValue(codes[i] & 0xff);
                if (ch.getType() == HeaderType.ENDORSER_TRANSACTION_VALUE) {
                    FilteredTransactionActions.Builder actions = FilteredTransactionActions.newBuilder();
                    ChaincodeEvent event = StoredTransactions.event(env);
                    if (event != null) {
                        actions.addChaincodeActions(FilteredChaincodeAction.newBuilder()
                                .setChaincodeEvent(event.toBuilder().clearPayload()));
                    }
                    ft.setTransactionActions(actions);
                }
                fb.addFilteredTransactions(ft);
            } catch (InvalidProtocolBufferException e) {
                fb.addFilteredTransactions(FilteredTransaction.newBuilder().setTxValidationCodeValue(codes[i] & 0xff));
            }
        }
        return fb.build();
    }
}

package org.dataexchange.settlementclient;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** Reads Fabric blocks into the client's records, and checks hash chains with Fabric's rules. */
public final class BlockReader {

    private BlockReader() {}

    public static LedgerBlock read(Block block) {
        long number = block.getHeader().getNumber();
        byte[] filter = block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE).toByteArray()
                : new byte[0];
        List<LedgerTransaction> txs = new ArrayList<>();
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            TxValidationCode code = i < filter.length ? TxValidationCode.forNumber(filter[i] & 0xff) : null;
            txs.add(transaction(block.getData().getData(i).toByteArray(), number, i,
                    code == null ? TxValidationCode.NOT_VALIDATED : code));
        }
        return new LedgerBlock(number, hex(BlockHashes.headerHash(block.getHeader())),
                hex(block.getHeader().getPreviousHash().toByteArray()), hex(block.getHeader().getDataHash().toByteArray()),
                txs, block);
    }

    static LedgerTransaction transaction(byte[] envelopeBytes, long blockNumber, int index, TxValidationCode code) {
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(envelopeBytes).getPayload());
            ChannelHeader ch = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            SignatureHeader sh = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
            String creator = sh.getCreator().isEmpty() ? "" : SerializedIdentity.parseFrom(sh.getCreator()).getMspid();
            Instant time = Instant.ofEpochSecond(ch.getTimestamp().getSeconds(), ch.getTimestamp().getNanos());
            if (ch.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
                return new LedgerTransaction(ch.getTxId(), blockNumber, index, code, time, creator, null,
                        HeaderType.forNumber(ch.getType()) == null ? "UNKNOWN" : HeaderType.forNumber(ch.getType()).name(),
                        List.of(), null);
            }
            ChaincodeActionPayload cap = ChaincodeActionPayload.parseFrom(
                    Transaction.parseFrom(payload.getData()).getActions(0).getPayload());
            ChaincodeInvocationSpec spec = ChaincodeInvocationSpec.parseFrom(
                    ChaincodeProposalPayload.parseFrom(cap.getChaincodeProposalPayload()).getInput());
            // The settlement contract's arguments are JSON text; the lifecycle's (and others') may be protobuf bytes.
            List<String> args = TransactionArguments.render(spec.getChaincodeSpec().getChaincodeId().getName(),
                    spec.getChaincodeSpec().getInput().getArgsList());
            ChaincodeAction action = ChaincodeAction.parseFrom(
                    ProposalResponsePayload.parseFrom(cap.getAction().getProposalResponsePayload()).getExtension());
            String event = action.getEvents().isEmpty() ? null : ChaincodeEvent.parseFrom(action.getEvents()).getEventName();
            return new LedgerTransaction(ch.getTxId(), blockNumber, index, code, time, creator,
                    spec.getChaincodeSpec().getChaincodeId().getName(), args.isEmpty() ? null : args.get(0),
                    args.size() <= 1 ? List.of() : List.copyOf(args.subList(1, args.size())),
                    event == null || event.isEmpty() ? null : event);
        } catch (InvalidProtocolBufferException | IndexOutOfBoundsException e) {
            return new LedgerTransaction("", blockNumber, index, code, null, "", null, null, List.of(), null);
        }
    }

    /**
     * Checks blocks as a chain: each block's data hash matches its transactions and its previous hash is the
     * header hash of the block before it in the list (the first block is checked against its own data only,
     * or against {@code before} when given).
     */
    public static ChainVerification verify(Block before, List<Block> blocks) {
        if (blocks.isEmpty()) {
            return new ChainVerification(0, -1, true, null, null);
        }
        long from = blocks.get(0).getHeader().getNumber();
        long to = blocks.get(blocks.size() - 1).getHeader().getNumber();
        Block previous = before;
        for (Block block : blocks) {
            Optional<String> problem;
            if (previous == null && block.getHeader().getNumber() != 0) {
                problem = java.util.Arrays.equals(BlockHashes.dataHash(block.getData()),
                        block.getHeader().getDataHash().toByteArray())
                        ? Optional.empty() : Optional.of("data hash does not match the block's transactions");
            } else {
                problem = BlockHashes.linkProblem(previous, block);
            }
            if (problem.isPresent()) {
                return new ChainVerification(from, to, false, block.getHeader().getNumber(), problem.get());
            }
            previous = block;
        }
        return new ChainVerification(from, to, true, null, null);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}

package org.dataexchange.devnet.chaincode;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.dataexchange.devnet.blocks.BlockStore;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ResponseUtils;

/**
 * The peer's query system chaincode ({@code qscc}) for the block explorer: chain info, blocks by number
 * or hash, transactions and their blocks by id. Arguments and answers are Fabric's: the function, the
 * channel name, then the number (decimal string), the header hash (raw bytes) or the transaction id;
 * answers are serialized {@code BlockchainInfo}, {@code Block} or {@code ProcessedTransaction}.
 */
public final class QuerySystemChaincode implements Chaincode {

    public static final String NAME = "qscc";

    private final String channelId;
    private final BlockStore blocks;

    public QuerySystemChaincode(String channelId, BlockStore blocks) {
        this.channelId = channelId;
        this.blocks = blocks;
    }

    @Override
    public Response init(ChaincodeStub stub) {
        return ResponseUtils.newSuccessResponse();
    }

    @Override
    public Response invoke(ChaincodeStub stub) {
        List<byte[]> args = stub.getArgs();
        if (args.size() < 2) {
            return ResponseUtils.newErrorResponse("Incorrect number of arguments, " + args.size());
        }
        String function = new String(args.get(0), StandardCharsets.UTF_8);
        String channel = new String(args.get(1), StandardCharsets.UTF_8);
        if (!channelId.equals(channel)) {
            return ResponseUtils.newErrorResponse("Invalid chain ID, " + channel);
        }
        if (!function.equals("GetChainInfo") && args.size() < 3) {
            return ResponseUtils.newErrorResponse("missing 3rd argument for " + function);
        }
        return switch (function) {
            case "GetChainInfo" -> ResponseUtils.newSuccessResponse(chainInfo().toByteArray());
            case "GetBlockByNumber" -> blockByNumber(new String(args.get(2), StandardCharsets.UTF_8));
            case "GetBlockByHash" -> blocks.blockByHash(args.get(2))
                    .map(b -> ResponseUtils.newSuccessResponse(b.toByteArray()))
                    .orElseGet(() -> ResponseUtils.newErrorResponse("Failed to get block hash "
                            + new String(args.get(2), StandardCharsets.ISO_8859_1) + ", error no such block hash ["
                            + java.util.HexFormat.of().formatHex(args.get(2)) + "] in index"));
            case "GetTransactionByID" -> transactionById(new String(args.get(2), StandardCharsets.UTF_8));
            case "GetBlockByTxID" -> blockByTxId(new String(args.get(2), StandardCharsets.UTF_8));
            default -> ResponseUtils.newErrorResponse("Requested function " + function + " not found.");
        };
    }

    public BlockchainInfo chainInfo() {
        long height = blocks.height();
        Block last = blocks.block(height - 1);
        return BlockchainInfo.newBuilder()
                .setHeight(height)
                .setCurrentBlockHash(ByteString.copyFrom(blocks.currentHeaderHash()))
                .setPreviousBlockHash(last.getHeader().getPreviousHash())
                .build();
    }

    private Response blockByNumber(String number) {
        long n;
        try {
            n = Long.parseUnsignedLong(number);
        } catch (NumberFormatException e) {
            return ResponseUtils.newErrorResponse("Failed to parse block number with error " + e.getMessage());
        }
        if (n == -1L) {
            n = blocks.height() - 1; // MaxUint64 asks for the last block
        }
        if (Long.compareUnsigned(n, blocks.height()) >= 0) {
            return ResponseUtils.newErrorResponse("Failed to get block number " + number
                    + ", error no such block number [" + number + "] in index");
        }
        return ResponseUtils.newSuccessResponse(blocks.block(n).toByteArray());
    }

    private Response transactionById(String txId) {
        Optional<BlockStore.TxLocation> at = blocks.locate(txId);
        if (at.isEmpty()) {
            return ResponseUtils.newErrorResponse("Failed to get transaction with id " + txId
                    + ", error no such transaction ID [" + txId + "] in index");
        }
        Block block = blocks.block(at.get().blockNumber());
        int index = at.get().txIndex();
        byte[] filter = block.getMetadata().getMetadata(
                org.hyperledger.fabric.protos.common.BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE).toByteArray();
        try {
            ProcessedTransaction tx = ProcessedTransaction.newBuilder()
                    .setTransactionEnvelope(org.hyperledger.fabric.protos.common.Envelope.parseFrom(
                            block.getData().getData(index)))
                    .setValidationCode(filter[index])
                    .build();
            return ResponseUtils.newSuccessResponse(tx.toByteArray());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return ResponseUtils.newErrorResponse("stored transaction " + txId + " is unreadable");
        }
    }

    private Response blockByTxId(String txId) {
        return blocks.locate(txId)
                .map(at -> ResponseUtils.newSuccessResponse(blocks.block(at.blockNumber()).toByteArray()))
                .orElseGet(() -> ResponseUtils.newErrorResponse("Failed to get block for txID " + txId
                        + ", error no such transaction ID [" + txId + "] in index"));
    }
}

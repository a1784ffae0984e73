package org.dataexchange.devnet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.FilteredBlock;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** devnet driven only through the Fabric Gateway SDK, in-process, running the chaincode it was given. */
class DevnetGatewayTest {

    @TempDir
    Path data;

    private Devnet devnet;
    private ManagedChannel channel;
    private Gateway operator;
    private Network network;
    private Contract contract;

    @BeforeEach
    void start() throws Exception {
        devnet = Devnet.start(RecordsChaincode.config(data).withBatching(50, java.time.Duration.ofMillis(20)));
        channel = devnet.newInProcessChannel();
        operator = Clients.gateway(channel, devnet.crypto().user("OperatorMSP"));
        network = operator.getNetwork("exchange");
        contract = network.getContract(RecordsChaincode.NAME);
    }

    @AfterEach
    void stop() throws Exception {
        if (operator != null) {
            operator.close();
        }
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (devnet != null) {
            devnet.close();
        }
    }

    @Test
    void submitsAndEvaluatesTheChaincodeItWasGiven() throws Exception {
        byte[] registered = contract.submitTransaction("Put", "product/wx", PRODUCT);
        assertThat(new String(registered, UTF_8)).isEqualTo(PRODUCT);
        putTrade("T-1");

        String trade = new String(contract.evaluateTransaction("Get", "trade/T-1"), UTF_8);
        assertThat(trade).contains("\"tradeId\":\"T-1\"").contains("\"amount\":10000");

        try (Gateway regulator = Clients.gateway(channel, devnet.crypto().user("RegulatorMSP"))) {
            Contract asRegulator = regulator.getNetwork("exchange").getContract(RecordsChaincode.NAME);
            assertThat(new String(asRegulator.evaluateTransaction("Get", "trade/T-1"), UTF_8)).isEqualTo(trade);
            assertThatThrownBy(() -> asRegulator.submitTransaction("Put", "trade/T-2", RecordsChaincode.trade("T-2")))
                    .isInstanceOf(EndorseException.class)
                    .satisfies(e -> assertThat(((GatewayException) e).getDetails().get(0).getMessage())
                            .contains("ACCESS_DENIED"));
        }
        // a name the channel has no definition for is refused as a peer refuses it
        assertThatThrownBy(() -> network.getContract("settlement").evaluateTransaction("Get", "trade/T-1"))
                .isInstanceOf(GatewayException.class)
                .satisfies(e -> assertThat(((GatewayException) e).getStatus().getCode())
                        .isEqualTo(io.grpc.Status.Code.FAILED_PRECONDITION))
                .hasMessageContaining("no peers available to evaluate chaincode settlement in channel exchange");
    }

    @Test
    void commitStatusCarriesTheBlockNumber() throws Exception {
        contract.submitTransaction("Put", "product/wx", PRODUCT);
        SubmittedTransaction submitted = contract.newProposal("Put")
                .addArguments("trade/T-1", RecordsChaincode.trade("T-1"), "product/wx").build().endorse().submitAsync();
        Status status = submitted.getStatus();
        assertThat(status.isSuccessful()).isTrue();
        assertThat(status.getCode()).isEqualTo(TxValidationCode.VALID);
        assertThat(status.getBlockNumber()).isGreaterThanOrEqualTo(2);
        assertThat(status.getBlockNumber()).isLessThan(devnet.height());
        assertThat(new String(submitted.getResult(), UTF_8)).isEqualTo(RecordsChaincode.trade("T-1"));
    }

    @Test
    void chaincodeErrorsReachTheClientWithTheirCode() {
        assertThatThrownBy(() -> contract.evaluateTransaction("Get", "trade/nope"))
                .isInstanceOf(GatewayException.class)
                .satisfies(e -> {
                    GatewayException g = (GatewayException) e;
                    assertThat(g.getDetails()).hasSize(1);
                    assertThat(g.getDetails().get(0).getMspId()).isEqualTo("OperatorMSP");
                    assertThat(g.getDetails().get(0).getMessage()).contains("NOT_FOUND: record trade/nope");
                });
        assertThatThrownBy(() -> contract.submitTransaction("Put", "trade/T-1", RecordsChaincode.trade("T-1"), "product/unknown"))
                .isInstanceOf(EndorseException.class)
                .satisfies(e -> assertThat(((EndorseException) e).getStatus().getCode()).isEqualTo(io.grpc.Status.Code.ABORTED))
                .satisfies(e -> assertThat(((EndorseException) e).getDetails().get(0).getMessage())
                        .contains("MISSING_PREREQUISITE"));
    }

    @Test
    void chaincodeEventsStreamLiveAndReplayFromAStartBlock() throws Exception {
        Status first = contract.newProposal("Put").addArguments("product/wx", PRODUCT).build()
                .endorse().submitAsync().getStatus();
        putTrade("T-1");
        putTrade("T-2");

        List<String> names = new ArrayList<>();
        try (CloseableIterator<ChaincodeEvent> events = network.newChaincodeEventsRequest(RecordsChaincode.NAME)
                .startBlock(first.getBlockNumber()).build().getEvents()) {
            for (int i = 0; i < 3; i++) {
                ChaincodeEvent e = events.next();
                names.add(e.getEventName());
                assertThat(e.getChaincodeName()).isEqualTo(RecordsChaincode.NAME);
            }
            // a live event after the replayed ones
            putTrade("T-3");
            ChaincodeEvent live = events.next();
            assertThat(live.getEventName()).isEqualTo("RecordPut");
            assertThat(new String(live.getPayload(), UTF_8)).contains("\"tradeId\":\"T-3\"");
        }
        assertThat(names).containsExactly("RecordPut", "RecordPut", "RecordPut");
    }

    @Test
    void blockEventsDeliverFullAndFilteredBlocks() throws Exception {
        contract.submitTransaction("Put", "product/wx", PRODUCT);
        try (CloseableIterator<Block> blocks = network.newBlockEventsRequest().startBlock(0).build().getEvents()) {
            Block genesis = blocks.next();
            assertThat(genesis.getHeader().getNumber()).isZero();
            Payload payload = Payload.parseFrom(Envelope.parseFrom(genesis.getData().getData(0)).getPayload());
            assertThat(ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getType())
                    .isEqualTo(HeaderType.CONFIG_VALUE);
            ConfigEnvelope config = ConfigEnvelope.parseFrom(payload.getData());
            assertThat(config.getConfig().getChannelGroup().getGroupsMap().get("Application").getGroupsMap())
                    .containsKeys("OperatorMSP", "RegulatorMSP");
            Block first = blocks.next();
            assertThat(first.getHeader().getNumber()).isEqualTo(1);
            assertThat(first.getHeader().getPreviousHash().toByteArray()).isEqualTo(headerHash(genesis.getHeader()));
        }
        try (CloseableIterator<FilteredBlock> filtered = network.newFilteredBlockEventsRequest().startBlock(1).build()
                .getEvents()) {
            FilteredBlock fb = filtered.next();
            assertThat(fb.getNumber()).isEqualTo(1);
            assertThat(fb.getFilteredTransactions(0).getTxValidationCode()).isEqualTo(TxValidationCode.VALID);
            assertThat(fb.getFilteredTransactions(0).getTransactionActions().getChaincodeActions(0).getChaincodeEvent()
                    .getEventName()).isEqualTo("RecordPut");
            assertThat(fb.getFilteredTransactions(0).getTransactionActions().getChaincodeActions(0).getChaincodeEvent()
                    .getPayload().isEmpty()).isTrue();
        }
    }

    @Test
    void concurrentWritersOfOneKeyEndWithOneValidAndOneMvccConflict() throws Exception {
        contract.submitTransaction("Put", "product/wx", PRODUCT);
        // both read the listing key (absent) and write it: the second to commit read a version that is gone
        Transaction a = contract.newProposal("Put").addArguments("listing/wx", "{\"reason\":\"A\",\"status\":\"SUSPENDED\"}")
                .build().endorse();
        Transaction b = contract.newProposal("Put").addArguments("listing/wx", "{\"reason\":\"B\",\"status\":\"SUSPENDED\"}")
                .build().endorse();
        SubmittedTransaction sa = a.submitAsync();
        SubmittedTransaction sb = b.submitAsync();
        List<TxValidationCode> codes = List.of(sa.getStatus().getCode(), sb.getStatus().getCode());
        assertThat(codes).containsExactlyInAnyOrder(TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT);
        assertThatThrownBy(() -> (codes.get(0) == TxValidationCode.VALID ? b : a).submit())
                .isInstanceOf(CommitException.class)
                .satisfies(e -> assertThat(((CommitException) e).getCode()).isIn(
                        TxValidationCode.MVCC_READ_CONFLICT, TxValidationCode.DUPLICATE_TXID));
    }

    @Test
    void aTransactionWhoseEndorsedResultsWereAlteredFailsTheEndorsementPolicy() throws Exception {
        contract.submitTransaction("Put", "product/wx", PRODUCT);
        Transaction endorsed = contract.newProposal("Put").addArguments("trade/T-1", RecordsChaincode.trade("T-1"), "product/wx")
                .build().endorse();
        var prepared = org.hyperledger.fabric.protos.gateway.PreparedTransaction.parseFrom(endorsed.getBytes());
        Payload payload = Payload.parseFrom(prepared.getEnvelope().getPayload());
        var tx = org.hyperledger.fabric.protos.peer.Transaction.parseFrom(payload.getData());
        var cap = org.hyperledger.fabric.protos.peer.ChaincodeActionPayload.parseFrom(tx.getActions(0).getPayload());
        var prp = org.hyperledger.fabric.protos.peer.ProposalResponsePayload.parseFrom(cap.getAction().getProposalResponsePayload());
        var action = org.hyperledger.fabric.protos.peer.ChaincodeAction.parseFrom(prp.getExtension());
        // The client doubles the amount in the endorsed response and signs the altered envelope itself.
        var forgedAction = action.toBuilder().setResponse(action.getResponse().toBuilder().setPayload(
                com.google.protobuf.ByteString.copyFromUtf8(action.getResponse().getPayload().toStringUtf8()
                        .replace("\"amount\":10000", "\"amount\":20000")))).build();
        var forgedPrp = prp.toBuilder().setExtension(forgedAction.toByteString()).build();
        var forgedCap = cap.toBuilder().setAction(cap.getAction().toBuilder()
                .setProposalResponsePayload(forgedPrp.toByteString())).build();
        var forgedTx = tx.toBuilder().setActions(0, tx.getActions(0).toBuilder().setPayload(forgedCap.toByteString())).build();
        var forgedPayload = payload.toBuilder().setData(forgedTx.toByteString()).build().toByteString();
        var forgedPrepared = prepared.toBuilder().setEnvelope(prepared.getEnvelope().toBuilder().setPayload(forgedPayload)).build();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(forgedPayload.toByteArray());
        Transaction forged = operator.newSignedTransaction(forgedPrepared.toByteArray(),
                devnet.crypto().user("OperatorMSP").signDigest(digest));

        Status status = forged.submitAsync().getStatus();
        assertThat(status.getCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        assertThatThrownBy(() -> contract.evaluateTransaction("Get", "trade/T-1")).isInstanceOf(GatewayException.class);
    }

    @Test
    void aDuplicateTransactionIdIsRefused() throws Exception {
        contract.submitTransaction("Put", "product/wx", PRODUCT);
        Proposal proposal = contract.newProposal("Put").addArguments("trade/T-1", RecordsChaincode.trade("T-1"), "product/wx").build();
        Transaction tx = proposal.endorse();
        Status status = tx.submitAsync().getStatus();
        assertThat(status.getCode()).isEqualTo(TxValidationCode.VALID);

        // endorsing a proposal whose transaction id is on the ledger is refused by the endorser
        assertThatThrownBy(proposal::endorse)
                .isInstanceOf(EndorseException.class)
                .satisfies(e -> assertThat(((EndorseException) e).getDetails().get(0).getMessage())
                        .contains("duplicate transaction found [" + tx.getTransactionId() + "]"));

        // re-sending the signed envelope gets it ordered again, and the committer marks it DUPLICATE_TXID
        tx.submitAsync();
        putTrade("T-2");
        boolean sawDuplicate = false;
        try (CloseableIterator<FilteredBlock> blocks = network.newFilteredBlockEventsRequest()
                .startBlock(status.getBlockNumber() + 1).build().getEvents()) {
            for (int i = 0; i < 5 && !sawDuplicate; i++) {
                FilteredBlock fb = blocks.next();
                sawDuplicate = fb.getFilteredTransactionsList().stream().anyMatch(t ->
                        t.getTxid().equals(tx.getTransactionId()) && t.getTxValidationCode() == TxValidationCode.DUPLICATE_TXID);
                if (fb.getFilteredTransactionsList().stream().anyMatch(t -> t.getTransactionActions().getChaincodeActionsCount() > 0
                        && t.getTxValidationCode() == TxValidationCode.VALID)) {
                    break;
                }
            }
        }
        assertThat(sawDuplicate).isTrue();
    }

    @Test
    void qsccAnswersChainInfoBlocksAndTransactions() throws Exception {
        Status status = contract.newProposal("Put").addArguments("product/wx", PRODUCT).build()
                .endorse().submitAsync().getStatus();
        putTrade("T-1");
        Contract qscc = network.getContract("qscc");

        BlockchainInfo info = BlockchainInfo.parseFrom(qscc.evaluateTransaction("GetChainInfo", "exchange"));
        assertThat(info.getHeight()).isEqualTo(devnet.height());
        Block last = Block.parseFrom(qscc.evaluateTransaction("GetBlockByNumber", "exchange",
                Long.toString(info.getHeight() - 1)));
        assertThat(info.getCurrentBlockHash().toByteArray()).isEqualTo(headerHash(last.getHeader()));

        for (long n = 0; n + 1 < info.getHeight(); n++) {
            Block block = Block.parseFrom(qscc.evaluateTransaction("GetBlockByNumber", "exchange", Long.toString(n)));
            Block next = Block.parseFrom(qscc.evaluateTransaction("GetBlockByNumber", "exchange", Long.toString(n + 1)));
            assertThat(block.getHeader().getNumber()).isEqualTo(n);
            assertThat(next.getHeader().getPreviousHash().toByteArray()).as("block %d links to %d", n + 1, n)
                    .isEqualTo(headerHash(block.getHeader()));
            assertThat(block.getHeader().getDataHash().toByteArray()).isEqualTo(dataHash(block));
            assertThat(block.getMetadata().getMetadataCount()).isEqualTo(5);
        }
        Block byHash = Block.parseFrom(qscc.newProposal("GetBlockByHash")
                .addArguments("exchange".getBytes(UTF_8), headerHash(last.getHeader())).build().evaluate());
        assertThat(byHash.getHeader().getNumber()).isEqualTo(last.getHeader().getNumber());
        ProcessedTransaction ptx = ProcessedTransaction.parseFrom(
                qscc.evaluateTransaction("GetTransactionByID", "exchange", status.getTransactionId()));
        assertThat(ptx.getValidationCode()).isEqualTo(TxValidationCode.VALID_VALUE);
        assertThat(ChannelHeader.parseFrom(Payload.parseFrom(ptx.getTransactionEnvelope().getPayload()).getHeader()
                .getChannelHeader()).getTxId()).isEqualTo(status.getTransactionId());
        Block byTx = Block.parseFrom(qscc.evaluateTransaction("GetBlockByTxID", "exchange", status.getTransactionId()));
        assertThat(byTx.getHeader().getNumber()).isEqualTo(status.getBlockNumber());
        assertThat(byTx.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE).byteAt(0))
                .isEqualTo((byte) TxValidationCode.VALID_VALUE);
        assertThatThrownBy(() -> qscc.evaluateTransaction("GetBlockByNumber", "exchange", "999999"))
                .isInstanceOf(GatewayException.class);
    }

    private static final String PRODUCT = "{\"merchant\":\"91310000MA1FL4TE3X\",\"productId\":\"wx\",\"status\":\"LISTED\"}";

    private void putTrade(String id) throws Exception {
        contract.submitTransaction("Put", "trade/" + id, RecordsChaincode.trade(id), "product/wx");
    }

    /** Fabric's block header hash: SHA-256 of DER SEQUENCE { INTEGER number, OCTET STRING previous, OCTET STRING data }. */
    static byte[] headerHash(BlockHeader header) throws Exception {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(BigInteger.valueOf(header.getNumber())));
        v.add(new DEROctetString(header.getPreviousHash().toByteArray()));
        v.add(new DEROctetString(header.getDataHash().toByteArray()));
        return MessageDigest.getInstance("SHA-256").digest(new DERSequence(v).getEncoded("DER"));
    }

    static byte[] dataHash(Block block) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        block.getData().getDataList().forEach(d -> sha.update(d.toByteArray()));
        return sha.digest();
    }

}

package org.dataexchange.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.support.Fixtures;
import org.dataexchange.ledger.support.Identity;
import org.dataexchange.ledger.support.Json;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeGrpc;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Starts the packaged jar as chaincode-as-a-service and talks to it the way a Fabric peer does: connect,
 * receive REGISTER, answer REGISTERED and READY, then send TRANSACTION messages.
 */
class ChaincodeServerIT {

    private static final String CHANNEL = "exchange";
    private Process chaincode;
    private ManagedChannel channel;
    private Path log;

    @BeforeEach
    void startChaincodeServer() throws Exception {
        Path jar = Path.of("target", "settlement-chaincode.jar");
        assertThat(jar).as("the shaded chaincode jar is built in the package phase").exists();
        int port = freePort();
        log = Files.createTempFile("chaincode-server", ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString());
        pb.environment().put("CHAINCODE_SERVER_ADDRESS", "127.0.0.1:" + port);
        pb.environment().put("CORE_CHAINCODE_ID_NAME", "settlement_1.0:0123456789abcdef");
        pb.environment().put("EXCHANGE_OPERATOR_MSP_ID", "ExchangeOpsMSP");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        chaincode = pb.start();
        awaitListening(port, Duration.ofMinutes(3));
        channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    @AfterEach
    void stop() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (chaincode != null) {
            chaincode.destroy();
            if (!chaincode.waitFor(10, TimeUnit.SECONDS)) {
                chaincode.destroyForcibly();
            }
        }
    }

    @Test
    void answersGetMetadataAndRefusesWritesFromAnyButTheConfiguredOperator() throws Exception {
        BlockingQueue<ChaincodeMessage> fromChaincode = new LinkedBlockingQueue<>();
        StreamObserver<ChaincodeMessage> toChaincode = ChaincodeGrpc.newStub(channel).connect(new StreamObserver<>() {
            @Override
            public void onNext(ChaincodeMessage m) {
                fromChaincode.add(m);
            }

            @Override
            public void onError(Throwable t) {
                fromChaincode.add(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.ERROR)
                        .setPayload(ByteString.copyFromUtf8(String.valueOf(t))).build());
            }

            @Override
            public void onCompleted() {}
        });

        ChaincodeMessage register = next(fromChaincode);
        assertThat(register.getType()).isEqualTo(ChaincodeMessage.Type.REGISTER);
        assertThat(ChaincodeID.parseFrom(register.getPayload()).getName()).isEqualTo("settlement_1.0:0123456789abcdef");
        toChaincode.onNext(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.REGISTERED).build());
        toChaincode.onNext(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.READY).build());

        Identity operator = Identity.create("OperatorMSP", "peer-admin");
        toChaincode.onNext(transaction("tx-metadata", operator, "org.hyperledger.fabric:GetMetadata"));
        ChaincodeMessage completed = next(fromChaincode);
        assertThat(completed.getType()).as(completed.toString()).isEqualTo(ChaincodeMessage.Type.COMPLETED);
        assertThat(completed.getTxid()).isEqualTo("tx-metadata");
        Response metadata = Response.parseFrom(completed.getPayload());
        assertThat(metadata.getStatus()).isEqualTo(200);
        var contract = Json.parse(metadata.getPayload().toStringUtf8()).at("/contracts/settlement");
        long declared = java.util.Arrays.stream(SettlementContract.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(org.hyperledger.fabric.contract.annotation.Transaction.class))
                .count();
        assertThat(contract.at("/transactions").size()).isEqualTo((int) declared);

        String trade = Fixtures.json(Fixtures.trade("T-1", Fixtures.product("wx", ClassificationLevel.GENERAL)));
        toChaincode.onNext(transaction("tx-trade", operator, "RecordTrade", trade));
        ChaincodeMessage refused = next(fromChaincode);
        assertThat(refused.getType()).isEqualTo(ChaincodeMessage.Type.COMPLETED);
        Response denial = Response.parseFrom(refused.getPayload());
        assertThat(denial.getStatus()).isEqualTo(500);
        assertThat(denial.getMessage()).startsWith("ACCESS_DENIED:").contains("ExchangeOpsMSP");
        toChaincode.onCompleted();
    }

    private static ChaincodeMessage transaction(String txId, Identity creator, String... args) {
        ChaincodeInput.Builder input = ChaincodeInput.newBuilder();
        for (String arg : args) {
            input.addArgs(ByteString.copyFromUtf8(arg));
        }
        Instant now = Instant.now();
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId(CHANNEL)
                .setTxId(txId)
                .setTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .build();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                .setCreator(ByteString.copyFrom(creator.serialized()))
                .setNonce(ByteString.copyFromUtf8(txId))
                .build();
        ChaincodeInvocationSpec spec = ChaincodeInvocationSpec.newBuilder()
                .setChaincodeSpec(ChaincodeSpec.newBuilder()
                        .setChaincodeId(ChaincodeID.newBuilder().setName("settlement"))
                        .setInput(input))
                .build();
        Proposal proposal = Proposal.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(signatureHeader.toByteString())
                        .build().toByteString())
                .setPayload(ChaincodeProposalPayload.newBuilder().setInput(spec.toByteString()).build().toByteString())
                .build();
        return ChaincodeMessage.newBuilder()
                .setType(ChaincodeMessage.Type.TRANSACTION)
                .setTxid(txId)
                .setChannelId(CHANNEL)
                .setPayload(input.build().toByteString())
                .setProposal(SignedProposal.newBuilder().setProposalBytes(proposal.toByteString()))
                .build();
    }

    private ChaincodeMessage next(BlockingQueue<ChaincodeMessage> queue) throws Exception {
        ChaincodeMessage m = queue.poll(30, TimeUnit.SECONDS);
        assertThat(m).as("a message from the chaincode within 30 s; its log:\n" + Files.readString(log)).isNotNull();
        return m;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitListening(int port, Duration timeout) throws Exception {
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100)).ignoreExceptionsMatching(
                    e -> e instanceof IOException).until(() -> {
                        if (!chaincode.isAlive()) {
                            throw new AssertionError("chaincode server exited with " + chaincode.exitValue() + ":\n"
                                    + Files.readString(log));
                        }
                        try (Socket s = new Socket()) {
                            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                            return true;
                        }
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("chaincode server did not listen within " + timeout + ":\n" + Files.readString(log));
        }
    }

}

package org.dataexchange.devnet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dataexchange.devnet.blocks.BlockStoreException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blocks and state survive restarts; an altered block is reported, never accepted. */
class DevnetPersistenceTest {

    @TempDir
    Path data;

    @Test
    void aRestartedDevnetKeepsEveryBlockTheSameHashesAndTheState() throws Exception {
        List<byte[]> hashesBefore;
        String tradeBefore;
        try (Devnet devnet = Devnet.start(RecordsChaincode.config(data))) {
            ManagedChannel channel = devnet.newInProcessChannel();
            try (Gateway gw = Clients.gateway(channel, devnet.crypto().user("OperatorMSP"))) {
                Contract c = gw.getNetwork("exchange").getContract(RecordsChaincode.NAME);
                c.submitTransaction("Put", "product/wx", "{\"productId\":\"wx\"}");
                for (int i = 0; i < 5; i++) {
                    c.submitTransaction("Put", "trade/" + "T-" + i, RecordsChaincode.trade("T-" + i), "product/wx");
                }
                tradeBefore = new String(c.evaluateTransaction("Get", "trade/T-3"), UTF_8);
                hashesBefore = headerHashes(gw.getNetwork("exchange").getContract("qscc"), devnet.height());
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
        try (Devnet devnet = Devnet.start(RecordsChaincode.config(data))) {
            assertThat(devnet.height()).isEqualTo(hashesBefore.size());
            ManagedChannel channel = devnet.newInProcessChannel();
            try (Gateway gw = Clients.gateway(channel, devnet.crypto().user("OperatorMSP"))) {
                Contract c = gw.getNetwork("exchange").getContract(RecordsChaincode.NAME);
                assertThat(headerHashes(gw.getNetwork("exchange").getContract("qscc"), devnet.height()))
                        .usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(hashesBefore);
                assertThat(new String(c.evaluateTransaction("Get", "trade/T-3"), UTF_8)).isEqualTo(tradeBefore);
                // state was rebuilt: recording the same trade again is refused as already recorded
                assertThatThrownBy(() -> c.submitTransaction("Put", "trade/" + "T-3", RecordsChaincode.trade("T-3"), "product/wx"))
                        .satisfies(e -> assertThat(((org.hyperledger.fabric.client.GatewayException) e).getDetails()
                                .get(0).getMessage()).contains("ALREADY_RECORDED"));
                c.submitTransaction("Put", "trade/" + "T-9", RecordsChaincode.trade("T-9"), "product/wx");
                assertThat(devnet.height()).isEqualTo(hashesBefore.size() + 1);
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aFlippedByteInAStoredBlockIsReportedOnStart() throws Exception {
        try (Devnet devnet = Devnet.start(RecordsChaincode.config(data))) {
            ManagedChannel channel = devnet.newInProcessChannel();
            try (Gateway gw = Clients.gateway(channel, devnet.crypto().user("OperatorMSP"))) {
                Contract c = gw.getNetwork("exchange").getContract(RecordsChaincode.NAME);
                c.submitTransaction("Put", "product/wx", "{\"productId\":\"wx\"}");
                c.submitTransaction("Put", "trade/" + "T-1", RecordsChaincode.trade("T-1"), "product/wx");
                c.submitTransaction("Put", "trade/" + "T-2", RecordsChaincode.trade("T-2"), "product/wx");
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
        Path file;
        try (Stream<Path> files = Files.list(data.resolve("blocks"))) {
            file = files.filter(Files::isRegularFile).max(java.util.Comparator.comparingLong(p -> p.toFile().length()))
                    .orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        int at = indexOf(bytes, "\"tradeId\":\"T-1\"".getBytes(UTF_8));
        assertThat(at).as("the trade's bytes are in the block file").isPositive();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at + 12);
            raf.write(bytes[at + 12] ^ 0x01); // one bit of the trade id, inside block 2
        }
        assertThatThrownBy(() -> Devnet.start(RecordsChaincode.config(data)))
                .isInstanceOf(BlockStoreException.class)
                .hasMessageContaining("2")
                .satisfies(e -> assertThat(((BlockStoreException) e).firstBadBlock()).isEqualTo(2));
    }

    private static List<byte[]> headerHashes(Contract qscc, long height) throws Exception {
        List<byte[]> hashes = new ArrayList<>();
        for (long n = 0; n < height; n++) {
            Block b = Block.parseFrom(qscc.evaluateTransaction("GetBlockByNumber", "exchange", Long.toString(n)));
            hashes.add(DevnetGatewayTest.headerHash(b.getHeader()));
        }
        return hashes;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

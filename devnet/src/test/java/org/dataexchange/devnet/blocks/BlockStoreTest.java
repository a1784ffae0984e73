package org.dataexchange.devnet.blocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockStoreTest {

    @TempDir
    Path dir;

    @Test
    void headerHashIsSha256OfTheDerHeader() {
        BlockHeader header = BlockHeader.newBuilder().setNumber(1)
                .setPreviousHash(ByteString.copyFrom(new byte[] {1, 2}))
                .setDataHash(ByteString.copyFrom(new byte[] {3})).build();
        // SEQUENCE(30) len 10 { INTEGER(02) 01 01, OCTET STRING(04) 02 01 02, OCTET STRING(04) 01 03 }
        byte[] der = HexFormat.of().parseHex("300a020101040201020401" + "03");
        assertThat(BlockHashing.headerHash(header)).isEqualTo(BlockHashing.sha256().digest(der));
        BlockHeader big = header.toBuilder().setNumber(-1L).build(); // uint64 max: a positive 9-byte INTEGER
        byte[] bigDer = HexFormat.of().parseHex("3012020900ffffffffffffffff04020102040103");
        assertThat(BlockHashing.headerHash(big)).isEqualTo(BlockHashing.sha256().digest(bigDer));
    }

    @Test
    void appendedBlocksSurviveReopenWithTheirIndexes() throws Exception {
        List<Block> written = writeChain(6);
        try (BlockStore store = BlockStore.open(dir)) {
            assertThat(store.height()).isEqualTo(6);
            for (Block b : written) {
                assertThat(store.block(b.getHeader().getNumber())).isEqualTo(b);
            }
            assertThat(store.locate("tx-3-1")).contains(new BlockStore.TxLocation(3, 1));
            assertThat(store.blockByHash(BlockHashing.headerHash(written.get(4).getHeader()))).contains(written.get(4));
            assertThat(store.currentHeaderHash()).isEqualTo(BlockHashing.headerHash(written.get(5).getHeader()));
        }
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefusedUntilTheFirstCloses() throws Exception {
        writeChain(2);
        try (BlockStore first = BlockStore.open(dir)) {
            assertThatThrownBy(() -> BlockStore.open(dir)).isInstanceOf(BlockStoreException.class)
                    .hasMessageContaining("already open");
            assertThat(first.height()).isEqualTo(2);
        }
        try (BlockStore again = BlockStore.open(dir)) {
            assertThat(again.height()).isEqualTo(2);
        }
    }

    @Test
    void blocksThatDoNotExtendTheChainAreRefused() throws Exception {
        List<Block> written = writeChain(3);
        try (BlockStore store = BlockStore.open(dir)) {
            Block good = next(written.get(2), 3);
            Block wrongNumber = good.toBuilder().setHeader(good.getHeader().toBuilder().setNumber(7)).build();
            Block wrongPrevious = good.toBuilder().setHeader(good.getHeader().toBuilder()
                    .setPreviousHash(ByteString.copyFrom(new byte[32]))).build();
            Block wrongData = good.toBuilder().setHeader(good.getHeader().toBuilder()
                    .setDataHash(ByteString.copyFrom(new byte[32]))).build();
            for (Block bad : List.of(wrongNumber, wrongPrevious, wrongData)) {
                assertThatThrownBy(() -> store.append(bad)).isInstanceOf(IllegalArgumentException.class);
            }
            store.append(good);
            assertThat(store.height()).isEqualTo(4);
        }
    }

    @Test
    void aTruncatedLastWriteIsRepairedAndTheStoreCarriesOn() throws Exception {
        for (int cut : new int[] {1, 3, 40}) {
            Path sub = dir.resolve("cut" + cut);
            List<Block> written = writeChain(sub, 5);
            Path file = sub.resolve("chain.bin");
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(raf.length() - cut);
            }
            try (BlockStore store = BlockStore.open(sub)) {
                assertThat(store.height()).as("cut %d bytes", cut).isEqualTo(4);
                store.append(written.get(4));
                assertThat(store.height()).isEqualTo(5);
            }
            try (BlockStore store = BlockStore.open(sub)) {
                assertThat(store.height()).isEqualTo(5);
            }
        }
    }

    @Test
    void aFlippedByteAnywhereIsReportedNeverRepaired() throws Exception {
        List<Block> written = writeChain(6);
        Path file = dir.resolve("chain.bin");
        long[] offsets = offsets(file, 6);
        flip(file, offsets[3] + 8 + 20);
        assertThatThrownBy(() -> BlockStore.open(dir))
                .isInstanceOf(BlockStoreException.class)
                .hasMessageContaining("block 3")
                .satisfies(e -> assertThat(((BlockStoreException) e).firstBadBlock()).isEqualTo(3));
        flip(file, offsets[3] + 8 + 20);
        flip(file, offsets[5] + 8 + 10); // the last block: complete, so tampered, not truncated
        assertThatThrownBy(() -> BlockStore.open(dir))
                .satisfies(e -> assertThat(((BlockStoreException) e).firstBadBlock()).isEqualTo(5));
        assertThat(file.toFile().length()).isEqualTo(offsets[5] + 8 + written.get(5).getSerializedSize());
    }

    @Test
    void aRewrittenBlockWithAValidChecksumBreaksTheHashChainAtThatBlock() throws Exception {
        List<Block> written = writeChain(5);
        Path file = dir.resolve("chain.bin");
        long[] offsets = offsets(file, 5);
        // Replace block 2's first transaction id but keep the length; recompute the record checksum.
        Block altered = written.get(2).toBuilder().setData(written.get(2).getData().toBuilder()
                .setData(0, envelope("tx-2-X").toByteString())).build();
        byte[] bytes = altered.toByteArray();
        assertThat(bytes.length).isEqualTo(written.get(2).getSerializedSize());
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offsets[2] + 4);
            raf.writeInt((int) crc.getValue());
            raf.write(bytes);
        }
        assertThatThrownBy(() -> BlockStore.open(dir))
                .hasMessageContaining("data hash")
                .satisfies(e -> assertThat(((BlockStoreException) e).firstBadBlock()).isEqualTo(2));
    }

    private List<Block> writeChain(int n) throws Exception {
        return writeChain(dir, n);
    }

    private static List<Block> writeChain(Path where, int n) throws Exception {
        List<Block> blocks = new ArrayList<>();
        try (BlockStore store = BlockStore.open(where)) {
            Block previous = null;
            for (int i = 0; i < n; i++) {
                Block b = next(previous, i);
                store.append(b);
                blocks.add(b);
                previous = b;
            }
        }
        return blocks;
    }

    private static Block next(Block previous, long number) {
        List<Envelope> envs = List.of(envelope("tx-" + number + "-0"), envelope("tx-" + number + "-1"));
        byte[] prev = previous == null ? new byte[0] : BlockHashing.headerHash(previous.getHeader());
        return GenesisBlock.nextBlock(number, prev, envs, new byte[] {0, 0});
    }

    private static Envelope envelope(String txId) {
        ChannelHeader ch = ChannelHeader.newBuilder().setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId("exchange").setTxId(txId).build();
        return Envelope.newBuilder().setPayload(Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(ch.toByteString()))
                .setData(ByteString.copyFromUtf8("payload of " + txId)).build().toByteString()).build();
    }

    private static long[] offsets(Path file, int n) throws Exception {
        long[] offsets = new long[n];
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long pos = 0;
            for (int i = 0; i < n; i++) {
                offsets[i] = pos;
                raf.seek(pos);
                byte[] head = new byte[8];
                raf.readFully(head);
                pos += 8 + ByteBuffer.wrap(head).getInt();
            }
        }
        return offsets;
    }

    private static void flip(Path file, long at) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x01);
        }
    }
}

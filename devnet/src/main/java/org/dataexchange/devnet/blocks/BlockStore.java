package org.dataexchange.devnet.blocks;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;

/**
 * The channel's blocks on disk, append-only and tamper-evident. One file, {@code chain.bin}, of records
 * {@code [u32 length][u32 CRC32C of the block bytes][block bytes]}, forced to disk before an append returns.
 * Opening verifies every record: checksum, number, data hash and the header hash chain. An incomplete last
 * record (a write cut short) is truncated away; a complete record that fails any check is tampering and is
 * reported with its block number, never repaired.
 */
public final class BlockStore implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BlockStore.class.getName());
    private static final String FILE = "chain.bin";
    private static final int RECORD_HEADER = 8;
    private static final int CACHE_BLOCKS = 512;

    /** Where a transaction is: its block and its index in the block. */
    public record TxLocation(long blockNumber, int txIndex) {}

    private record TxEntry(TxLocation location, byte code) {}

    private final FileChannel file;
    /** Held while open: a second process on the same directory would interleave appends and break the chain. */
    private java.nio.channels.FileLock lock;
    private final List<Long> offsets = new ArrayList<>();
    private final List<byte[]> headerHashes = new ArrayList<>();
    private final Map<String, Long> numbersByHash = new HashMap<>();
    private final Map<String, TxEntry> txIndex = new ConcurrentHashMap<>();
    private final Map<Long, Block> recent = new LinkedHashMap<>(CACHE_BLOCKS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Block> eldest) {
            return size() > CACHE_BLOCKS;
        }
    };
    private volatile long height;
    private long end;

    private BlockStore(FileChannel file) {
        this.file = file;
    }

    public static BlockStore open(Path dir) throws BlockStoreException {
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            BlockStore store = new BlockStore(channel);
            try {
                try {
                    store.lock = channel.tryLock();
                } catch (java.nio.channels.OverlappingFileLockException held) {
                    store.lock = null;
                }
                if (store.lock == null) {
                    throw new BlockStoreException("the block store in " + dir + " is already open in another devnet;"
                            + " stop it first or use another data directory", null);
                }
                store.load();
            } catch (BlockStoreException | RuntimeException e) {
                channel.close();
                throw e;
            }
            return store;
        } catch (IOException e) {
            throw new BlockStoreException("cannot open the block store in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void load() throws IOException, BlockStoreException {
        long size = file.size();
        long pos = 0;
        Block previous = null;
        while (pos < size) {
            if (size - pos < RECORD_HEADER) {
                truncate(pos, size, "a partial record header");
                break;
            }
            ByteBuffer head = ByteBuffer.allocate(RECORD_HEADER);
            readFully(head, pos);
            int length = head.getInt(0);
            int crc = head.getInt(4);
            if (length < 0 || size - pos - RECORD_HEADER < length) {
                truncate(pos, size, "a record cut short");
                break;
            }
            ByteBuffer body = ByteBuffer.allocate(length);
            readFully(body, pos + RECORD_HEADER);
            long number = offsets.size();
            if (checksum(body.array()) != crc) {
                throw new BlockStoreException(number, "stored bytes do not match their checksum");
            }
            Block block;
            try {
                block = Block.parseFrom(body.array());
            } catch (InvalidProtocolBufferException e) {
                throw new BlockStoreException(number, "stored bytes are not a block");
            }
            Optional<String> problem = BlockHashing.linkProblem(previous, block);
            if (problem.isPresent()) {
                throw new BlockStoreException(number, problem.get());
            }
            index(block, pos);
            previous = block;
            pos += RECORD_HEADER + length;
        }
        end = pos;
        height = offsets.size();
    }

    private void truncate(long pos, long size, String what) throws IOException {
        LOG.log(System.Logger.Level.WARNING, "block store: " + what + " after block " + (offsets.size() - 1)
                + " (" + (size - pos) + " bytes from an interrupted write); truncating to the last complete block");
        file.truncate(pos);
        file.force(true);
    }

    /** Appends the next block durably. It must follow the current chain exactly. */
    public synchronized void append(Block block) {
        Block previous = height == 0 ? null : block(height - 1);
        Optional<String> problem = BlockHashing.linkProblem(previous, block);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("block " + block.getHeader().getNumber() + " does not extend the chain: "
                    + problem.get());
        }
        byte[] bytes = block.toByteArray();
        ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER + bytes.length);
        record.putInt(bytes.length).putInt(checksum(bytes)).put(bytes).flip();
        try {
            long pos = end;
            while (record.hasRemaining()) {
                pos += file.write(record, pos);
            }
            file.force(false);
            long start = end;
            end = pos;
            index(block, start);
            synchronized (recent) {
                recent.put(block.getHeader().getNumber(), block);
            }
            height = offsets.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append block " + block.getHeader().getNumber(), e);
        }
    }

    private void index(Block block, long offset) {
        long number = block.getHeader().getNumber();
        byte[] hash = BlockHashing.headerHash(block.getHeader());
        offsets.add(offset);
        headerHashes.add(hash);
        numbersByHash.put(HexFormat.of().formatHex(hash), number);
        byte[] filter = block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE).toByteArray()
                : new byte[0];
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            try {
                Envelope env = Envelope.parseFrom(block.getData().getData(i));
                String txId = ChannelHeader.parseFrom(Payload.parseFrom(env.getPayload()).getHeader().getChannelHeader())
                        .getTxId();
                if (!txId.isEmpty()) {
                    // The first transaction with an id keeps it; later copies are duplicates.
                    txIndex.putIfAbsent(txId, new TxEntry(new TxLocation(number, i), i < filter.length ? filter[i] : 0));
                }
            } catch (InvalidProtocolBufferException e) {
                // an unreadable envelope has no id to index; its validation code says so
            }
        }
    }

    public long height() {
        return height;
    }

    public Block block(long number) {
        if (number < 0 || number >= height) {
            throw new IllegalArgumentException("no block " + number + "; height is " + height);
        }
        synchronized (recent) {
            Block cached = recent.get(number);
            if (cached != null) {
                return cached;
            }
        }
        try {
            long pos;
            synchronized (this) {
                pos = offsets.get((int) number);
            }
            ByteBuffer head = ByteBuffer.allocate(RECORD_HEADER);
            readFully(head, pos);
            ByteBuffer body = ByteBuffer.allocate(head.getInt(0));
            readFully(body, pos + RECORD_HEADER);
            Block block = Block.parseFrom(body.array());
            synchronized (recent) {
                recent.put(number, block);
            }
            return block;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read block " + number, e);
        }
    }

    public synchronized byte[] headerHash(long number) {
        return headerHashes.get((int) number).clone();
    }

    public synchronized byte[] currentHeaderHash() {
        return headerHashes.isEmpty() ? new byte[0] : headerHashes.get(headerHashes.size() - 1).clone();
    }

    public Optional<Block> blockByHash(byte[] headerHash) {
        Long number;
        synchronized (this) {
            number = numbersByHash.get(HexFormat.of().formatHex(headerHash));
        }
        return number == null ? Optional.empty() : Optional.of(block(number));
    }

    public Optional<TxLocation> locate(String txId) {
        TxEntry e = txIndex.get(txId);
        return e == null ? Optional.empty() : Optional.of(e.location());
    }

    public boolean containsTx(String txId) {
        return txIndex.containsKey(txId);
    }

    /** The validation code of a stored transaction (the first with that id). */
    public byte validationCode(String txId) {
        TxEntry e = txIndex.get(txId);
        if (e == null) {
            throw new IllegalArgumentException("no transaction " + txId);
        }
        return e.code();
    }

    @Override
    public void close() {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            file.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the block store failed", e);
        }
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        long pos = position;
        while (buffer.hasRemaining()) {
            int n = file.read(buffer, pos);
            if (n < 0) {
                throw new IOException("unexpected end of block file at " + pos);
            }
            pos += n;
        }
        buffer.flip();
    }

    private static int checksum(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

}

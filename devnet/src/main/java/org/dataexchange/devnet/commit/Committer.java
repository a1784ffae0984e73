package org.dataexchange.devnet.commit;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.dataexchange.devnet.blocks.BlockStore;
import org.dataexchange.devnet.blocks.GenesisBlock;
import org.dataexchange.devnet.commit.TransactionValidator.Decision;
import org.dataexchange.devnet.commit.TransactionValidator.Write;
import org.dataexchange.devnet.state.Version;
import org.dataexchange.devnet.state.WorldState;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The ordering service and the committing peer in one: submitted envelopes are cut into blocks by
 * count and timeout, each block is validated, appended durably to the block store, and only then applied
 * to the world state; waiters for commit status and block streams are then woken. One thread does all
 * of it, so blocks and state change in one order.
 */
public final class Committer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Committer.class.getName());

    private final BlockStore blocks;
    private final WorldState state;
    private final TransactionValidator validator;
    private final int maxMessageCount;
    private final Duration batchTimeout;
    private final BlockingQueue<Envelope> submitted = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<TxStatus>> waiters = new ConcurrentHashMap<>();
    private final ReentrantLock heightLock = new ReentrantLock();
    private final Condition grown = heightLock.newCondition();
    private final Thread thread;
    private volatile boolean running = true;

    public Committer(BlockStore blocks, WorldState state, TransactionValidator validator, int maxMessageCount,
                     Duration batchTimeout) {
        this.blocks = blocks;
        this.state = state;
        this.validator = validator;
        this.maxMessageCount = maxMessageCount;
        this.batchTimeout = batchTimeout;
        this.thread = Thread.ofPlatform().name("devnet-committer").daemon(true).unstarted(this::run);
    }

    /** Rebuilds the world state from the stored blocks: every valid transaction's writes, in order. */
    public static void replay(BlockStore blocks, WorldState state) {
        for (long n = 1; n < blocks.height(); n++) {
            Block block = blocks.block(n);
            byte[] filter = block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE).toByteArray();
            for (int i = 0; i < block.getData().getDataCount(); i++) {
                if (filter[i] != TxValidationCode.VALID_VALUE) {
                    continue;
                }
                try {
                    for (Write w : StoredTransactions.writes(Envelope.parseFrom(block.getData().getData(i)))) {
                        state.apply(w.namespace(), w.key(), w.value(), w.delete(), new Version(n, i));
                    }
                } catch (InvalidProtocolBufferException e) {
                    throw new IllegalStateException("block " + n + " tx " + i + " was valid but is unreadable", e);
                }
            }
        }
    }

    public void start() {
        thread.start();
    }

    /** Hands a client-signed envelope to ordering. */
    public void order(Envelope envelope) {
        if (!running) {
            throw new IllegalStateException("devnet is shutting down");
        }
        submitted.add(envelope);
    }

    /** Completes when the transaction is in a block (immediately if it already is). */
    public CompletableFuture<TxStatus> status(String txId) {
        Optional<TxStatus> known = committedStatus(txId);
        if (known.isPresent()) {
            return CompletableFuture.completedFuture(known.get());
        }
        CompletableFuture<TxStatus> future = waiters.computeIfAbsent(txId, id -> new CompletableFuture<>());
        // The commit may have happened between the lookup and the registration.
        committedStatus(txId).ifPresent(s -> {
            waiters.remove(txId, future);
            future.complete(s);
        });
        return future;
    }

    public void forget(String txId, CompletableFuture<TxStatus> future) {
        waiters.remove(txId, future);
    }

    public Optional<TxStatus> committedStatus(String txId) {
        return blocks.locate(txId).map(at -> new TxStatus(
                TxValidationCode.forNumber(blocks.validationCode(txId) & 0xff), at.blockNumber()));
    }

    /** Blocks until the chain is higher than {@code blockNumber} or the wait ends; true if it is. */
    public boolean awaitBlock(long blockNumber, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        heightLock.lock();
        try {
            while (blocks.height() <= blockNumber) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !running) {
                    return blocks.height() > blockNumber;
                }
                grown.awaitNanos(left);
            }
            return true;
        } finally {
            heightLock.unlock();
        }
    }

    private void run() {
        // After close() the loop still commits what was already handed to ordering, then ends.
        while (running || !submitted.isEmpty()) {
            try {
                Envelope first = submitted.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Envelope> batch = new ArrayList<>();
                batch.add(first);
                long deadline = System.nanoTime() + batchTimeout.toNanos();
                while (batch.size() < maxMessageCount) {
                    long left = deadline - System.nanoTime();
                    Envelope next = left > 0 ? submitted.poll(left, TimeUnit.NANOSECONDS) : submitted.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    submitted.drainTo(batch, maxMessageCount - batch.size());
                }
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "committing a block failed; the transactions in it are lost", e);
            }
        }
    }

    private void commit(List<Envelope> batch) {
        List<Decision> decisions = validator.validate(batch, state, blocks::containsTx);
        long number = blocks.height();
        byte[] filter = new byte[batch.size()];
        for (int i = 0; i < filter.length; i++) {
            filter[i] = (byte) decisions.get(i).code().getNumber();
        }
        Block block = GenesisBlock.nextBlock(number, blocks.currentHeaderHash(), batch, filter);
        blocks.append(block);
        for (int i = 0; i < decisions.size(); i++) {
            Decision d = decisions.get(i);
            if (d.code() == TxValidationCode.VALID) {
                for (Write w : d.writes()) {
                    state.apply(w.namespace(), w.key(), w.value(), w.delete(), new Version(number, i));
                }
            }
        }
        heightLock.lock();
        try {
            grown.signalAll();
        } finally {
            heightLock.unlock();
        }
        for (Decision d : decisions) {
            CompletableFuture<TxStatus> waiter = waiters.remove(d.txId());
            if (waiter != null) {
                // For a duplicate id the first transaction's status is the one the id stands for.
                waiter.complete(committedStatus(d.txId()).orElse(new TxStatus(d.code(), number)));
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        // No interrupt: an interrupted thread inside FileChannel I/O would close the block file.
        thread.join(10_000);
        heightLock.lock();
        try {
            grown.signalAll();
        } finally {
            heightLock.unlock();
        }
    }

}

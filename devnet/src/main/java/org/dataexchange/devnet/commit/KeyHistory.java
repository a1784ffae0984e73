package org.dataexchange.devnet.commit;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dataexchange.devnet.blocks.BlockStore;
import org.dataexchange.devnet.state.HistoryReader;
import org.dataexchange.devnet.state.WorldState;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.shim.ledger.KeyModification;

/**
 * GetHistoryForKey as Fabric's history database answers it: the world state remembers where each key
 * was written, and the values and timestamps are read back from those transactions in the block store.
 */
public final class KeyHistory implements HistoryReader {

    private final WorldState state;
    private final BlockStore blocks;

    public KeyHistory(WorldState state, BlockStore blocks) {
        this.state = state;
        this.blocks = blocks;
    }

    @Override
    public List<KeyModification> history(String namespace, String key) {
        List<WorldState.Modification> positions = state.history(namespace, key);
        List<KeyModification> result = new ArrayList<>(positions.size());
        for (int i = positions.size() - 1; i >= 0; i--) {
            WorldState.Modification at = positions.get(i);
            try {
                Envelope env = Envelope.parseFrom(blocks.block(at.blockNum()).getData().getData(at.txNum()));
                ChannelHeader ch = StoredTransactions.channelHeader(env);
                Instant time = Instant.ofEpochSecond(ch.getTimestamp().getSeconds(), ch.getTimestamp().getNanos());
                for (TransactionValidator.Write w : StoredTransactions.writes(env)) {
                    if (w.namespace().equals(namespace) && w.key().equals(key)) {
                        result.add(new Modification(ch.getTxId(), w.value(), time, w.delete()));
                    }
                }
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("block " + at.blockNum() + " holds an unreadable transaction", e);
            }
        }
        return result;
    }

    private record Modification(String txId, byte[] value, Instant timestamp, boolean deleted) implements KeyModification {
        @Override
        public String getTxId() {
            return txId;
        }

        @Override
        public byte[] getValue() {
            return value.clone();
        }

        @Override
        public String getStringValue() {
            return new String(value, StandardCharsets.UTF_8);
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }

        @Override
        public boolean isDeleted() {
            return deleted;
        }
    }
}

package org.dataexchange.ledger.support;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode.Response;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * The chaincode stub of one transaction against a {@link WorldState}, with a peer's semantics: reads
 * see the committed state only (never the transaction's own writes), writes are buffered into a write
 * set that is committed only if the transaction succeeds, range queries over simple keys exclude
 * composite keys, paged queries return Fabric's "next start key" bookmark, history is newest first,
 * only the last event set survives, and rich queries are refused as on a LevelDB peer.
 */
public final class TransactionStub implements ChaincodeStub {

    /** Largest code point: the upper bound of a partial composite key range, as in Fabric. */
    private static final String MAX_UNICODE_RUNE = new String(Character.toChars(Character.MAX_CODE_POINT));

    private final WorldState world;
    private final List<byte[]> args;
    private final String txId;
    private final Instant timestamp;
    private final byte[] creator;
    private final String channelId;
    private final Map<String, byte[]> writes = new LinkedHashMap<>();
    private final List<String> reads = new ArrayList<>();
    private ChaincodeEvent event;

    TransactionStub(WorldState world, List<String> args, String txId, Instant timestamp, byte[] creator,
                    String channelId) {
        this.world = world;
        this.args = args.stream().map(a -> a.getBytes(StandardCharsets.UTF_8)).toList();
        this.txId = txId;
        this.timestamp = timestamp;
        this.creator = creator;
        this.channelId = channelId;
    }

    Map<String, byte[]> writeSet() {
        return writes;
    }

    public List<String> readSet() {
        return reads;
    }

    @Override
    public List<byte[]> getArgs() {
        return args;
    }

    @Override
    public List<String> getStringArgs() {
        return args.stream().map(a -> new String(a, StandardCharsets.UTF_8)).toList();
    }

    @Override
    public String getFunction() {
        return args.isEmpty() ? null : getStringArgs().get(0);
    }

    @Override
    public List<String> getParameters() {
        return getStringArgs().stream().skip(1).toList();
    }

    @Override
    public String getTxId() {
        return txId;
    }

    @Override
    public String getChannelId() {
        return channelId;
    }

    @Override
    public Response invokeChaincode(String chaincodeName, List<byte[]> args, String channel) {
        throw new UnsupportedOperationException("the settlement contract never calls other chaincode");
    }

    @Override
    public byte[] getState(String key) {
        reads.add(key);
        WorldState.Versioned v = world.read(key);
        return v == null ? new byte[0] : v.value().clone();
    }

    @Override
    public byte[] getStateValidationParameter(String key) {
        return null;
    }

    @Override
    public void putState(String key, byte[] value) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        if (value == null || value.length == 0) {
            // A peer treats an empty value as a delete; the contract must never rely on that.
            throw new IllegalArgumentException("putState with an empty value deletes the key: " + key);
        }
        writes.put(key, value.clone());
    }

    @Override
    public void setStateValidationParameter(String key, byte[] value) {
        throw new UnsupportedOperationException("key-level endorsement is not used");
    }

    @Override
    public void delState(String key) {
        writes.put(key, null);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
        return rangeIterator(simpleStart(startKey, endKey), simpleEnd(endKey), Integer.MAX_VALUE, "");
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
            String startKey, String endKey, int pageSize, String bookmark) {
        return rangeIterator(simpleStart(startKey, endKey), simpleEnd(endKey), pageSize, bookmark);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String compositeKey) {
        return rangeIterator(compositeKey, compositeKey + MAX_UNICODE_RUNE, Integer.MAX_VALUE, "");
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String objectType, String... attributes) {
        return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey compositeKey) {
        return getStateByPartialCompositeKey(compositeKey.toString());
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            CompositeKey compositeKey, int pageSize, String bookmark) {
        String prefix = compositeKey.toString();
        return rangeIterator(prefix, prefix + MAX_UNICODE_RUNE, pageSize, bookmark);
    }

    @Override
    public CompositeKey createCompositeKey(String objectType, String... attributes) {
        return new CompositeKey(objectType, attributes);
    }

    @Override
    public CompositeKey splitCompositeKey(String compositeKey) {
        return CompositeKey.parseCompositeKey(compositeKey);
    }

    @Override
    public QueryResultsIterator<KeyValue> getQueryResult(String query) {
        throw new UnsupportedOperationException("ExecuteQuery not supported for leveldb");
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(
            String query, int pageSize, String bookmark) {
        throw new UnsupportedOperationException("ExecuteQuery not supported for leveldb");
    }

    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
        List<KeyModification> mods = new ArrayList<>();
        for (WorldState.Modification m : world.historyOf(key)) {
            mods.add(new Modification(m));
        }
        return new ListIterator<>(mods, null);
    }

    @Override
    public byte[] getPrivateData(String collection, String key) {
        throw new UnsupportedOperationException("private data is not used");
    }

    @Override
    public byte[] getPrivateDataHash(String collection, String key) {
        throw new UnsupportedOperationException("private data is not used");
    }

    @Override
    public byte[] getPrivateDataValidationParameter(String collection, String key) {
        throw new UnsupportedOperationException("private data is not used");
    }

    @Override
    public void putPrivateData(String collection, String key, byte[] value) {
        throw new UnsupportedOperationException("private data is not used");
    }

    @Override
    public void setPrivateDataValidationParameter(String collection, String key, byte[] value) {
        throw new UnsupportedOperationException("private data is not used");
    }

    @Override
    public void delPrivateData(String collection, String key) {
        throw new UnsupportedOperationException("private data is not used");
    }

    @Override
    public void purgePrivateData(String collection, String key) {
        throw new UnsupportedOperationException("private data is not used");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(String collection, String startKey, String endKey) {
        throw new UnsupportedOperationException("private data is not used");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, String compositeKey) {
        throw new UnsupportedOperationException("private data is not used");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            String collection, CompositeKey compositeKey) {
        throw new UnsupportedOperationException("private data is not used");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            String collection, String objectType, String... attributes) {
        throw new UnsupportedOperationException("private data is not used");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query) {
        throw new UnsupportedOperationException("private data is not used");
    }

    @Override
    public void setEvent(String name, byte[] payload) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("event name must not be empty");
        }
        event = ChaincodeEvent.newBuilder()
                .setEventName(name)
                .setTxId(txId)
                .setPayload(ByteString.copyFrom(payload))
                .build();
    }

    @Override
    public ChaincodeEvent getEvent() {
        return event;
    }

    @Override
    public SignedProposal getSignedProposal() {
        return SignedProposal.getDefaultInstance();
    }

    @Override
    public Instant getTxTimestamp() {
        return timestamp;
    }

    @Override
    public byte[] getCreator() {
        return creator.clone();
    }

    @Override
    public Map<String, byte[]> getTransient() {
        return Map.of();
    }

    @Override
    public byte[] getBinding() {
        return new byte[0];
    }

    @Override
    public String getMspId() {
        return "OperatorMSP";
    }

    private static String simpleStart(String startKey, String endKey) {
        CompositeKey.validateSimpleKeys(startKey, endKey);
        // An empty start means "from the first simple key": composite keys (U+0000...) stay out of range.
        return startKey.isEmpty() ? "\u0001" : startKey;
    }

    private static String simpleEnd(String endKey) {
        return endKey.isEmpty() ? MAX_UNICODE_RUNE : endKey;
    }

    private ListIterator<KeyValue> rangeIterator(String start, String end, int pageSize, String bookmark) {
        String from = bookmark == null || bookmark.isEmpty() ? start : bookmark;
        if (from.compareTo(start) < 0) {
            from = start;
        }
        List<KeyValue> page = new ArrayList<>();
        String next = "";
        if (from.compareTo(end) < 0) {
            NavigableMap<String, WorldState.Versioned> range = world.snapshotRange(from, end);
            for (Map.Entry<String, WorldState.Versioned> e : range.entrySet()) {
                if (page.size() == pageSize) {
                    next = e.getKey();
                    break;
                }
                reads.add(e.getKey());
                page.add(new Entry(e.getKey(), e.getValue().value()));
            }
        }
        QueryResponseMetadata metadata = QueryResponseMetadata.newBuilder()
                .setBookmark(next)
                .setFetchedRecordsCount(page.size())
                .build();
        return new ListIterator<>(page, metadata);
    }

    private record Entry(String key, byte[] value) implements KeyValue {
        @Override
        public String getKey() {
            return key;
        }

        @Override
        public byte[] getValue() {
            return value.clone();
        }

        @Override
        public String getStringValue() {
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    private record Modification(WorldState.Modification m) implements KeyModification {
        @Override
        public String getTxId() {
            return m.txId();
        }

        @Override
        public byte[] getValue() {
            return m.value().clone();
        }

        @Override
        public String getStringValue() {
            return new String(m.value(), StandardCharsets.UTF_8);
        }

        @Override
        public Instant getTimestamp() {
            return m.timestamp();
        }

        @Override
        public boolean isDeleted() {
            return m.deleted();
        }
    }

    private static final class ListIterator<T> implements QueryResultsIteratorWithMetadata<T>, QueryResultsIterator<T> {
        private final List<T> items;
        private final QueryResponseMetadata metadata;
        private boolean closed;

        ListIterator(List<T> items, QueryResponseMetadata metadata) {
            this.items = items;
            this.metadata = metadata;
        }

        @Override
        public QueryResponseMetadata getMetadata() {
            return metadata;
        }

        @Override
        public Iterator<T> iterator() {
            if (closed) {
                throw new IllegalStateException("iterator used after close");
            }
            return items.iterator();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}

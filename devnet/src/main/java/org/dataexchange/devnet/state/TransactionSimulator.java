package org.dataexchange.devnet.state;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
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
 * The chaincode stub of one simulated transaction, as a peer's transaction simulator: reads come from the
 * committed world state and are recorded with their versions (never the transaction's own writes),
 * range queries are recorded for phantom detection, writes are buffered into the write set. The result
 * is a Fabric {@link TxReadWriteSet} with reads and writes sorted by key, as Fabric's rwset builder
 * sorts them.
 */
public final class TransactionSimulator implements ChaincodeStub {

    /** Fabric substitutes this for an empty start key so range queries skip composite keys (U+0000...). */
    private static final String EMPTY_KEY_SUBSTITUTE = "\u0001";
    private static final String MAX_UNICODE_RUNE = new String(Character.toChars(Character.MAX_CODE_POINT));

    private final WorldState state;
    private final HistoryReader historyReader;
    private final String namespace;
    private final Invocation invocation;
    private final String peerMspId;
    private final Map<String, Version> reads = new TreeMap<>();
    private final Map<String, byte[]> writes = new TreeMap<>();
    private final List<RangeQueryInfo> rangeQueries = new ArrayList<>();
    private ChaincodeEvent event;

    public TransactionSimulator(WorldState state, HistoryReader historyReader, String namespace,
                                Invocation invocation, String peerMspId) {
        this.state = state;
        this.historyReader = historyReader;
        this.namespace = namespace;
        this.invocation = invocation;
        this.peerMspId = peerMspId;
    }

    /** The read-write set of the simulation, as endorsers put it in the proposal response. */
    public TxReadWriteSet readWriteSet() {
        KVRWSet.Builder kv = KVRWSet.newBuilder();
        reads.forEach((key, version) -> {
            KVRead.Builder read = KVRead.newBuilder().setKey(key);
            if (version != null) {
                read.setVersion(version.toProto());
            }
            kv.addReads(read);
        });
        kv.addAllRangeQueriesInfo(rangeQueries);
        writes.forEach((key, value) -> kv.addWrites(KVWrite.newBuilder()
                .setKey(key)
                .setIsDelete(value == null)
                .setValue(value == null ? ByteString.EMPTY : ByteString.copyFrom(value))));
        return TxReadWriteSet.newBuilder()
                .setDataModel(TxReadWriteSet.DataModel.KV)
                .addNsRwset(NsReadWriteSet.newBuilder().setNamespace(namespace).setRwset(kv.build().toByteString()))
                .build();
    }

    public boolean hasWrites() {
        return !writes.isEmpty();
    }

    @Override
    public ChaincodeEvent getEvent() {
        return event;
    }

    // ------------------------------------------------------------------ invocation

    @Override
    public List<byte[]> getArgs() {
        return invocation.args();
    }

    @Override
    public List<String> getStringArgs() {
        return invocation.args().stream().map(a -> new String(a, StandardCharsets.UTF_8)).toList();
    }

    @Override
    public String getFunction() {
        return invocation.args().isEmpty() ? null : new String(invocation.args().get(0), StandardCharsets.UTF_8);
    }

    @Override
    public List<String> getParameters() {
        return getStringArgs().stream().skip(1).toList();
    }

    @Override
    public String getTxId() {
        return invocation.txId();
    }

    @Override
    public String getChannelId() {
        return invocation.channelId();
    }

    @Override
    public SignedProposal getSignedProposal() {
        return invocation.signedProposal();
    }

    @Override
    public Instant getTxTimestamp() {
        return invocation.timestamp();
    }

    @Override
    public byte[] getCreator() {
        return invocation.creator().clone();
    }

    @Override
    public Map<String, byte[]> getTransient() {
        return invocation.transientMap();
    }

    @Override
    public byte[] getBinding() {
        return invocation.binding();
    }

    @Override
    public String getMspId() {
        return peerMspId;
    }

    // ------------------------------------------------------------------ state

    @Override
    public byte[] getState(String key) {
        WorldState.VersionedValue v = state.get(namespace, key);
        reads.putIfAbsent(key, v == null ? null : v.version());
        return v == null ? new byte[0] : v.value().clone();
    }

    @Override
    public void putState(String key, byte[] value) {
        requireKey(key);
        // A peer records an empty value as a delete.
        writes.put(key, value == null || value.length == 0 ? null : value.clone());
    }

    @Override
    public void delState(String key) {
        requireKey(key);
        writes.put(key, null);
    }

    @Override
    public byte[] getStateValidationParameter(String key) {
        return null;
    }

    @Override
    public void setStateValidationParameter(String key, byte[] value) {
        throw new UnsupportedOperationException("key-level endorsement policies are not supported by devnet");
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
        CompositeKey.validateSimpleKeys(startKey, endKey);
        return range(startKey.isEmpty() ? EMPTY_KEY_SUBSTITUTE : startKey, endKey.isEmpty() ? MAX_UNICODE_RUNE : endKey,
                0, "");
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
            String startKey, String endKey, int pageSize, String bookmark) {
        CompositeKey.validateSimpleKeys(startKey, endKey);
        return range(startKey.isEmpty() ? EMPTY_KEY_SUBSTITUTE : startKey, endKey.isEmpty() ? MAX_UNICODE_RUNE : endKey,
                pageSize, bookmark);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String compositeKey) {
        return range(compositeKey, compositeKey + MAX_UNICODE_RUNE, 0, "");
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String objectType, String... attributes) {
        return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes).toString());
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey compositeKey) {
        return getStateByPartialCompositeKey(compositeKey.toString());
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            CompositeKey compositeKey, int pageSize, String bookmark) {
        String prefix = compositeKey.toString();
        return range(prefix, prefix + MAX_UNICODE_RUNE, pageSize, bookmark);
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
    public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
        return new ListResults<>(historyReader.history(namespace, key), null);
    }

    @Override
    public void setEvent(String name, byte[] payload) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("event name can not be empty string");
        }
        event = ChaincodeEvent.newBuilder()
                .setChaincodeId(namespace)
                .setTxId(invocation.txId())
                .setEventName(name)
                .setPayload(payload == null ? ByteString.EMPTY : ByteString.copyFrom(payload))
                .build();
    }

    // ------------------------------------------------------------------ not offered on a LevelDB peer without private data

    @Override
    public QueryResultsIterator<KeyValue> getQueryResult(String query) {
        throw new UnsupportedOperationException("ExecuteQuery not supported for leveldb");
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(String query, int pageSize,
                                                                                    String bookmark) {
        throw new UnsupportedOperationException("ExecuteQuery not supported for leveldb");
    }

    @Override
    public Response invokeChaincode(String chaincodeName, List<byte[]> args, String channel) {
        throw new UnsupportedOperationException("chaincode-to-chaincode calls are not supported by devnet");
    }

    @Override
    public byte[] getPrivateData(String collection, String key) {
        throw noPrivateData();
    }

    @Override
    public byte[] getPrivateDataHash(String collection, String key) {
        throw noPrivateData();
    }

    @Override
    public byte[] getPrivateDataValidationParameter(String collection, String key) {
        throw noPrivateData();
    }

    @Override
    public void putPrivateData(String collection, String key, byte[] value) {
        throw noPrivateData();
    }

    @Override
    public void setPrivateDataValidationParameter(String collection, String key, byte[] value) {
        throw noPrivateData();
    }

    @Override
    public void delPrivateData(String collection, String key) {
        throw noPrivateData();
    }

    @Override
    public void purgePrivateData(String collection, String key) {
        throw noPrivateData();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(String collection, String startKey, String endKey) {
        throw noPrivateData();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, String compositeKey) {
        throw noPrivateData();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection,
                                                                              CompositeKey compositeKey) {
        throw noPrivateData();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, String objectType,
                                                                              String... attributes) {
        throw noPrivateData();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query) {
        throw noPrivateData();
    }

    private static UnsupportedOperationException noPrivateData() {
        return new UnsupportedOperationException("private data collections are not configured on this channel");
    }

    private static void requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be an empty string");
        }
    }

    /**
     * Runs a range query now, returning a page and recording what it saw (keys and versions, and whether
     * it reached the end of the range) so the committer can detect phantoms. {@code pageSize} 0 = all.
     */
    private ListResults<KeyValue> range(String start, String end, int pageSize, String bookmark) {
        String from = bookmark == null || bookmark.isEmpty() || bookmark.compareTo(start) < 0 ? start : bookmark;
        List<KeyValue> page = new ArrayList<>();
        QueryReads.Builder seen = QueryReads.newBuilder();
        String next = "";
        boolean exhausted = true;
        for (Map.Entry<String, WorldState.VersionedValue> e : state.range(namespace, from, end)) {
            if (pageSize > 0 && page.size() == pageSize) {
                next = e.getKey();
                exhausted = false;
                break;
            }
            WorldState.VersionedValue v = e.getValue();
            page.add(new Entry(e.getKey(), v.value()));
            seen.addKvReads(KVRead.newBuilder().setKey(e.getKey()).setVersion(v.version().toProto()));
        }
        rangeQueries.add(RangeQueryInfo.newBuilder()
                .setStartKey(from)
                .setEndKey(end)
                .setItrExhausted(exhausted)
                .setRawReads(seen)
                .build());
        QueryResponseMetadata metadata = pageSize > 0
                ? QueryResponseMetadata.newBuilder().setBookmark(next).setFetchedRecordsCount(page.size()).build()
                : null;
        return new ListResults<>(page, metadata);
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

    private static final class ListResults<T>
            implements QueryResultsIterator<T>, QueryResultsIteratorWithMetadata<T> {
        private final List<T> items;
        private final QueryResponseMetadata metadata;

        ListResults(List<T> items, QueryResponseMetadata metadata) {
            this.items = items;
            this.metadata = metadata;
        }

        @Override
        public QueryResponseMetadata getMetadata() {
            return metadata;
        }

        @Override
        public Iterator<T> iterator() {
            return items.iterator();
        }

        @Override
        public void close() {}
    }
}

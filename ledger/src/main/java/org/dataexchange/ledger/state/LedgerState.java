package org.dataexchange.ledger.state;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.dataexchange.ledger.ErrorCode;
import org.dataexchange.ledger.json.CanonicalJson;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/** Typed reads and canonical writes of the world state of one transaction. */
public final class LedgerState {

    private static final byte[] INDEX_VALUE = {0};

    private final ChaincodeStub stub;

    public LedgerState(ChaincodeStub stub) {
        this.stub = stub;
    }

    public ChaincodeStub stub() {
        return stub;
    }

    public <T> T find(String key, Class<T> type) {
        byte[] bytes = stub.getState(key);
        return bytes == null || bytes.length == 0 ? null : CanonicalJson.readStored(bytes, type);
    }

    public <T> T get(String key, Class<T> type, String description) {
        T value = find(key, type);
        if (value == null) {
            throw ErrorCode.NOT_FOUND.refuse(description + " is not on the ledger");
        }
        return value;
    }

    public void put(String key, Object record) {
        stub.putState(key, CanonicalJson.writeBytes(record));
    }

    public void putIndex(String objectType, String... attributes) {
        stub.putState(stub.createCompositeKey(objectType, attributes).toString(), INDEX_VALUE);
    }

    public void putIndex(String simpleKey) {
        stub.putState(simpleKey, INDEX_VALUE);
    }

    /** All records under a partial composite key, in key order. */
    public <T> List<T> listByPartialKey(CompositeKey partialKey, Class<T> type) {
        List<T> result = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> it = stub.getStateByPartialCompositeKey(partialKey)) {
            for (KeyValue kv : it) {
                result.add(CanonicalJson.readStored(kv.getValue(), type));
            }
        } catch (Exception e) {
            throw rethrow(e);
        }
        return result;
    }

    /** Attributes of the index keys under a partial composite key, e.g. the trade ids of a product. */
    public List<List<String>> indexAttributes(CompositeKey partialKey) {
        List<List<String>> result = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> it = stub.getStateByPartialCompositeKey(partialKey)) {
            for (KeyValue kv : it) {
                result.add(stub.splitCompositeKey(kv.getKey()).getAttributes());
            }
        } catch (Exception e) {
            throw rethrow(e);
        }
        return result;
    }

    /** A page of an index under a partial composite key, each index key resolved to its record. */
    public <T> Page<T> pageByIndex(CompositeKey partialKey, int pageSize, String bookmark,
                                   Function<CompositeKey, T> resolve) {
        List<T> records = new ArrayList<>();
        try (QueryResultsIteratorWithMetadata<KeyValue> it =
                     stub.getStateByPartialCompositeKeyWithPagination(partialKey, pageSize, nullToEmpty(bookmark))) {
            for (KeyValue kv : it) {
                records.add(resolve.apply(stub.splitCompositeKey(kv.getKey())));
            }
            return new Page<>(records, it.getMetadata().getBookmark(), it.getMetadata().getFetchedRecordsCount());
        } catch (Exception e) {
            throw rethrow(e);
        }
    }

    /**
     * Every record stored under {@code objectType}'s composite keys (e.g. every dispute outcome), a page at a time in key
     * order: the paged lists of the contracts.
     */
    public <T> Page<T> pageOfRecords(String objectType, int pageSize, String bookmark, Class<T> type, String description) {
        return pageByIndex(stub.createCompositeKey(objectType), pageSize, bookmark,
                key -> get(key.toString(), type, description + " " + key.getAttributes()));
    }

    /**
     * The records an index lists under a partial key (e.g. a trade's deliveries), in id order: each index key's second
     * attribute is a record's id, read under the key {@code keyOfId} makes of it.
     */
    public <T> List<T> indexedRecords(CompositeKey partialKey, Function<String, String> keyOfId, Class<T> type,
                                      String description) {
        List<T> records = new ArrayList<>();
        for (List<String> attrs : indexAttributes(partialKey)) {
            records.add(get(keyOfId.apply(attrs.get(1)), type, description + " " + attrs.get(1)));
        }
        return records;
    }

    /** A page of simple index keys in [startKey, endKey), each resolved to its record. */
    public <T> Page<T> pageByRange(String startKey, String endKey, int pageSize, String bookmark,
                                   Function<String, T> resolve) {
        List<T> records = new ArrayList<>();
        try (QueryResultsIteratorWithMetadata<KeyValue> it =
                     stub.getStateByRangeWithPagination(startKey, endKey, pageSize, nullToEmpty(bookmark))) {
            for (KeyValue kv : it) {
                records.add(resolve.apply(kv.getKey()));
            }
            return new Page<>(records, it.getMetadata().getBookmark(), it.getMetadata().getFetchedRecordsCount());
        } catch (Exception e) {
            throw rethrow(e);
        }
    }

    /** Every modification of a key, newest first, as Fabric returns them. */
    public <T> List<HistoryEntry<T>> history(String key, Class<T> type) {
        List<HistoryEntry<T>> result = new ArrayList<>();
        try (QueryResultsIterator<KeyModification> it = stub.getHistoryForKey(key)) {
            for (KeyModification mod : it) {
                T value = mod.isDeleted() || mod.getValue().length == 0
                        ? null : CanonicalJson.readStored(mod.getValue(), type);
                result.add(new HistoryEntry<>(mod.getTxId(), mod.getTimestamp(), mod.isDeleted(), value));
            }
        } catch (Exception e) {
            throw rethrow(e);
        }
        return result;
    }

    public void emit(String eventName, Object payload) {
        stub.setEvent(eventName, CanonicalJson.writeBytes(payload));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static RuntimeException rethrow(Exception e) {
        return e instanceof RuntimeException re ? re : new IllegalStateException("ledger query failed", e);
    }
}

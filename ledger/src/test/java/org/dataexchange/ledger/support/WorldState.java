package org.dataexchange.ledger.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A committed world state with Fabric's semantics for what the contract can observe: keys sorted by
 * their UTF-16 string order (Fabric sorts UTF-8 bytes, which agrees for the characters used here), a
 * version per key, and a history per key.
 */
public final class WorldState {

    record Versioned(byte[] value, long blockNumber, int txNumber) {}

    record Modification(String txId, Instant timestamp, byte[] value, boolean deleted) {}

    private final NavigableMap<String, Versioned> state = new TreeMap<>();
    private final Map<String, List<Modification>> history = new HashMap<>();
    private long height = 1; // block 0 is the genesis block on a real channel

    synchronized Versioned read(String key) {
        return state.get(key);
    }

    synchronized NavigableMap<String, Versioned> snapshotRange(String fromInclusive, String toExclusive) {
        return new TreeMap<>(state.subMap(fromInclusive, true, toExclusive, false));
    }

    synchronized List<Modification> historyOf(String key) {
        List<Modification> mods = new ArrayList<>(history.getOrDefault(key, List.of()));
        java.util.Collections.reverse(mods); // newest first, as Fabric's history database answers
        return mods;
    }

    /** Applies one transaction's write set as block {@code height}, tx 0. */
    synchronized long commit(String txId, Instant timestamp, Map<String, byte[]> writes) {
        long block = height++;
        writes.forEach((key, value) -> {
            boolean delete = value == null;
            if (delete) {
                state.remove(key);
            } else {
                state.put(key, new Versioned(value.clone(), block, 0));
            }
            history.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new Modification(txId, timestamp, delete ? new byte[0] : value.clone(), delete));
        });
        return block;
    }

    /** Test hook for tampering: overwrites a key behind the contract's back. */
    public synchronized void forceWrite(String key, byte[] value) {
        state.put(key, new Versioned(value, height, 0));
    }

    public synchronized int size() {
        return state.size();
    }

    public synchronized List<String> keys() {
        return new ArrayList<>(state.keySet());
    }

    public synchronized byte[] valueOf(String key) {
        Versioned v = state.get(key);
        return v == null ? null : v.value();
    }
}

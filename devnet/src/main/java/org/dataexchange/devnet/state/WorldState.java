package org.dataexchange.devnet.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The committed key-value state of the channel, per chaincode namespace, with the version of every key
 * and the history of every key (as block/tx positions; values are read back from the blocks, as
 * Fabric's history database does). Simulations read it without locks: a simulation that straddles a
 * commit reads versions that MVCC validation then rejects, so no lock is needed for correctness.
 */
public final class WorldState {

    public record VersionedValue(byte[] value, Version version) {}

    /** Where a key was written: enough to find the value and timestamp in the block store. */
    public record Modification(long blockNum, int txNum) {}

    private final Map<String, ConcurrentSkipListMap<String, VersionedValue>> namespaces = new ConcurrentHashMap<>();
    private final Map<String, List<Modification>> history = new ConcurrentHashMap<>();

    public VersionedValue get(String namespace, String key) {
        ConcurrentSkipListMap<String, VersionedValue> ns = namespaces.get(namespace);
        return ns == null ? null : ns.get(key);
    }

    public Version version(String namespace, String key) {
        VersionedValue v = get(namespace, key);
        return v == null ? null : v.version();
    }

    /** Keys in [start, end) in sorted order; a live view, so callers copy what they keep. */
    public Iterable<Map.Entry<String, VersionedValue>> range(String namespace, String startInclusive, String endExclusive) {
        ConcurrentSkipListMap<String, VersionedValue> ns = namespaces.get(namespace);
        if (ns == null || startInclusive.compareTo(endExclusive) >= 0) {
            return List.of();
        }
        return ns.subMap(startInclusive, true, endExclusive, false).entrySet();
    }

    /** Applies one valid transaction's writes at {@code version}. Called by the single committer thread. */
    public void apply(String namespace, String key, byte[] value, boolean delete, Version version) {
        ConcurrentSkipListMap<String, VersionedValue> ns = namespaces.computeIfAbsent(namespace,
                n -> new ConcurrentSkipListMap<>());
        if (delete) {
            ns.remove(key);
        } else {
            ns.put(key, new VersionedValue(value, version));
        }
        List<Modification> mods = history.computeIfAbsent(namespace + '\u0000' + key, k -> new ArrayList<>());
        synchronized (mods) {
            mods.add(new Modification(version.blockNum(), (int) version.txNum()));
        }
    }

    /** Every modification of the key, oldest first. */
    public List<Modification> history(String namespace, String key) {
        List<Modification> mods = history.get(namespace + '\u0000' + key);
        if (mods == null) {
            return List.of();
        }
        synchronized (mods) {
            return List.copyOf(mods);
        }
    }

    public int size(String namespace) {
        ConcurrentSkipListMap<String, VersionedValue> ns = namespaces.get(namespace);
        return ns == null ? 0 : ns.size();
    }
}

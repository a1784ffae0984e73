package org.dataexchange.ledger.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.dataexchange.devnet.state.Invocation;
import org.dataexchange.devnet.state.TransactionSimulator;
import org.dataexchange.devnet.state.Version;
import org.dataexchange.devnet.state.WorldState;
import org.dataexchange.ledger.SettlementChaincode;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ledger.KeyModification;

/**
 * Runs the settlement contract the way a peer does: through the shim's contract router, on devnet's own
 * transaction simulator (reads see committed state only, range and composite-key queries with Fabric's bookmarks,
 * key history newest first, one event per transaction), committing the read-write set into devnet's world state
 * only when the chaincode answers with success. One transaction per block, so tests control the clock.
 */
public final class LedgerHarness {

    public static final Identity OPERATOR = Identity.create("OperatorMSP", "operator-user");
    public static final Identity REGULATOR = Identity.create("RegulatorMSP", "regulator-user");
    public static final Identity MERCHANT_ORG = Identity.create("MerchantOneMSP", "merchant-user");

    private static final String CHANNEL = "exchange";
    private static final String NAMESPACE = "settlement";
    /** Largest code point: the end of "every key", as Fabric bounds ranges. */
    private static final String MAX_KEY = new String(Character.toChars(Character.MAX_CODE_POINT));
    private static final Chaincode CHAINCODE = SettlementChaincode.inProcess("settlement:1.0");

    private final WorldState state = new WorldState();
    private final Map<String, List<KeyModification>> history = new HashMap<>();
    private final List<ChaincodeEvent> events = new ArrayList<>();
    private final AtomicLong txCounter = new AtomicLong();
    private long height = 1; // block 0 is the genesis block on a real channel
    private Instant clock = Instant.parse("2026-11-01T08:00:00Z");

    /** What a client sees of one transaction. */
    public record Result(int status, String message, String payload, ChaincodeEvent event, String txId, long block) {
        public boolean ok() {
            return status == Chaincode.Response.Status.SUCCESS.getCode();
        }

        /** The error code the contract put at the start of its message, or null on success. */
        public String errorCode() {
            if (ok() || message == null) {
                return null;
            }
            int colon = message.indexOf(':');
            return colon < 0 ? message : message.substring(0, colon);
        }
    }

    /** The committed keys of the contract's namespace, for tests that count or inspect what a transaction wrote. */
    public final class CommittedState {
        public int size() {
            return state.size(NAMESPACE);
        }

        public List<String> keys() {
            List<String> keys = new ArrayList<>();
            state.range(NAMESPACE, "", MAX_KEY).forEach(e -> keys.add(e.getKey()));
            return keys;
        }

        public byte[] valueOf(String key) {
            WorldState.VersionedValue v = state.get(NAMESPACE, key);
            return v == null ? null : v.value().clone();
        }
    }

    public CommittedState world() {
        return new CommittedState();
    }

    public List<ChaincodeEvent> events() {
        return events;
    }

    public Instant now() {
        return clock;
    }

    public void setClock(Instant at) {
        clock = at;
    }

    public void advance(java.time.Duration d) {
        clock = clock.plus(d);
    }

    /** Endorses and, on success, commits: world state, history and the event change. */
    public Result submit(Identity who, String function, String... args) {
        return run(who, true, function, args);
    }

    /** Evaluates: nothing is committed whatever the contract writes. */
    public Result evaluate(Identity who, String function, String... args) {
        return run(who, false, function, args);
    }

    private Result run(Identity who, boolean commit, String function, String... args) {
        List<byte[]> all = new ArrayList<>();
        all.add(function.getBytes(StandardCharsets.UTF_8));
        for (String a : args) {
            all.add(a.getBytes(StandardCharsets.UTF_8));
        }
        String txId = HexFormat.of().formatHex(("tx-" + txCounter.incrementAndGet()).getBytes(StandardCharsets.UTF_8));
        Instant txTime = clock;
        clock = clock.plusMillis(1); // every transaction gets its own timestamp, as client proposals do
        Invocation invocation = new Invocation(CHANNEL, txId, txTime, who.serialized(), all, Map.of(),
                SignedProposal.getDefaultInstance(), new byte[0]);
        TransactionSimulator simulator = new TransactionSimulator(state, this::historyOf, NAMESPACE, invocation,
                "OperatorMSP");
        Chaincode.Response response = CHAINCODE.invoke(simulator);
        long block = -1;
        boolean ok = response.getStatus() == Chaincode.Response.Status.SUCCESS;
        if (ok && commit) {
            block = commit(simulator, txId, txTime);
            if (simulator.getEvent() != null) {
                events.add(simulator.getEvent());
            }
        }
        String payload = response.getPayload() == null ? null : new String(response.getPayload(), StandardCharsets.UTF_8);
        return new Result(response.getStatus().getCode(), response.getMessage(), payload,
                ok ? simulator.getEvent() : null, txId, block);
    }

    /** Applies the simulation's write set as the next block's only transaction, as devnet's committer would. */
    private long commit(TransactionSimulator simulator, String txId, Instant txTime) {
        long block = height++;
        try {
            for (NsReadWriteSet ns : simulator.readWriteSet().getNsRwsetList()) {
                for (KVWrite w : KVRWSet.parseFrom(ns.getRwset()).getWritesList()) {
                    byte[] value = w.getValue().toByteArray();
                    state.apply(ns.getNamespace(), w.getKey(), value, w.getIsDelete(), new Version(block, 0));
                    history.computeIfAbsent(w.getKey(), k -> new ArrayList<>())
                            .add(0, new Modification(txId, value, txTime, w.getIsDelete())); // newest first
                }
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("devnet's simulator wrote an unreadable read-write set", e);
        }
        return block;
    }

    private List<KeyModification> historyOf(String namespace, String key) {
        return List.copyOf(history.getOrDefault(key, List.of()));
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

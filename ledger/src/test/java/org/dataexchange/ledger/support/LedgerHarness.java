package org.dataexchange.ledger.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.dataexchange.ledger.SettlementChaincode;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.shim.Chaincode;

/**
 * Runs the settlement contract the way a peer does: through the shim's contract router, one stub per
 * transaction, committing the write set only when the chaincode answers with success.
 */
public final class LedgerHarness {

    public static final Identity OPERATOR = Identity.create("OperatorMSP", "operator-user");
    public static final Identity REGULATOR = Identity.create("RegulatorMSP", "regulator-user");
    public static final Identity MERCHANT_ORG = Identity.create("MerchantOneMSP", "merchant-user");

    private static final Chaincode CHAINCODE = SettlementChaincode.inProcess("settlement:1.0");

    private final WorldState world = new WorldState();
    private final List<ChaincodeEvent> events = new ArrayList<>();
    private final AtomicLong txCounter = new AtomicLong();
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

    public WorldState world() {
        return world;
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
        List<String> all = new ArrayList<>();
        all.add(function);
        all.addAll(List.of(args));
        String txId = HexFormat.of().formatHex(
                ("tx-" + txCounter.incrementAndGet()).getBytes(StandardCharsets.UTF_8));
        Instant txTime = clock;
        clock = clock.plusMillis(1); // every transaction gets its own timestamp, as client proposals do
        TransactionStub stub = new TransactionStub(world, all, txId, txTime, who.serialized(), "exchange");
        Chaincode.Response response = CHAINCODE.invoke(stub);
        long block = -1;
        boolean ok = response.getStatus() == Chaincode.Response.Status.SUCCESS;
        if (ok && commit) {
            block = world.commit(txId, txTime, stub.writeSet());
            if (stub.getEvent() != null) {
                events.add(stub.getEvent());
            }
        }
        String payload = response.getPayload() == null ? null : new String(response.getPayload(), StandardCharsets.UTF_8);
        return new Result(response.getStatus().getCode(), response.getMessage(), payload,
                ok ? stub.getEvent() : null, txId, block);
    }
}

package org.dataexchange.devnet;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ResponseUtils;

/**
 * The chaincode devnet's own tests run: write-once JSON records by key, written only by the operator's MSP, in the
 * way the settlement contract keeps its records (so the tests exercise reads, writes, range-free MVCC, events,
 * refusals with a code and history), but without the contract itself, which devnet does not know.
 *
 * <ul>
 *   <li>{@code Put(key, json[, requiredKey])}: records {@code json} under {@code key} and emits {@code RecordPut}
 *   with it; refuses {@code ACCESS_DENIED} (not the operator), {@code MISSING_PREREQUISITE} (requiredKey absent),
 *   {@code ALREADY_RECORDED} (the same json is there) and {@code ID_CONFLICT} (another json is).</li>
 *   <li>{@code Get(key)}: the record, or {@code NOT_FOUND: record <key>}.</li>
 * </ul>
 * Refusals are status 500 with {@code CODE: explanation}, as the settlement contract answers.
 */
public final class RecordsChaincode implements Chaincode {

    static final String NAME = "records";
    static final String OPERATOR_MSP = "OperatorMSP";

    @Override
    public Response init(ChaincodeStub stub) {
        return ResponseUtils.newSuccessResponse();
    }

    @Override
    public Response invoke(ChaincodeStub stub) {
        List<String> p = stub.getParameters();
        return switch (String.valueOf(stub.getFunction())) {
            case "Put" -> p.size() < 2 ? refuse("INVALID_ARGUMENT", "Put takes a key and a record")
                    : put(stub, p.get(0), p.get(1), p.size() > 2 ? p.get(2) : null);
            case "Get" -> p.size() != 1 ? refuse("INVALID_ARGUMENT", "Get takes a key") : get(stub, p.get(0));
            default -> refuse("UNKNOWN_TRANSACTION", "no transaction " + stub.getFunction());
        };
    }

    private static Response put(ChaincodeStub stub, String key, String json, String requiredKey) {
        String msp;
        try {
            msp = SerializedIdentity.parseFrom(stub.getCreator()).getMspid();
        } catch (InvalidProtocolBufferException e) {
            return refuse("ACCESS_DENIED", "unreadable creator");
        }
        if (!OPERATOR_MSP.equals(msp)) {
            return refuse("ACCESS_DENIED", msp + " may not write records");
        }
        if (requiredKey != null && stub.getState(requiredKey).length == 0) {
            return refuse("MISSING_PREREQUISITE", "record " + requiredKey + " is not on the ledger");
        }
        byte[] value = json.getBytes(StandardCharsets.UTF_8);
        byte[] existing = stub.getState(key);
        if (existing.length > 0) {
            return Arrays.equals(existing, value) ? refuse("ALREADY_RECORDED", "record " + key)
                    : refuse("ID_CONFLICT", "another record " + key);
        }
        stub.putState(key, value);
        stub.setEvent("RecordPut", value);
        return ResponseUtils.newSuccessResponse(value);
    }

    private static Response get(ChaincodeStub stub, String key) {
        byte[] value = stub.getState(key);
        return value.length == 0 ? refuse("NOT_FOUND", "record " + key) : ResponseUtils.newSuccessResponse(value);
    }

    private static Response refuse(String code, String explanation) {
        return ResponseUtils.newErrorResponse(code + ": " + explanation, code.getBytes(StandardCharsets.UTF_8));
    }

    /** devnet's default network with this chaincode deployed. */
    static DevnetConfig config(java.nio.file.Path dataDir) {
        return DevnetConfig.defaults(dataDir).withChaincode(NAME, "1.0", new RecordsChaincode());
    }

    /** A trade-like record with an amount, so tests can alter an endorsed answer. */
    static String trade(String id) {
        return "{\"amount\":10000,\"currency\":\"CNY\",\"tradeId\":\"" + id + "\"}";
    }
}

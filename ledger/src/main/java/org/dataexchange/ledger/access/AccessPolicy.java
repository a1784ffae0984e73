package org.dataexchange.ledger.access;

import java.util.Map;
import java.util.Objects;
import org.dataexchange.ledger.ErrorCode;
import org.hyperledger.fabric.contract.Context;

/**
 * Who may do what on the settlement ledger. Only the operator's organisation writes; the operator and
 * the regulator read everything; any channel member may verify a licence certificate. The MSP ids come
 * from the chaincode process's environment so one package serves every network.
 */
public record AccessPolicy(String operatorMspId, String regulatorMspId) {

    public static final String OPERATOR_MSP_ENV = "EXCHANGE_OPERATOR_MSP_ID";
    public static final String REGULATOR_MSP_ENV = "EXCHANGE_REGULATOR_MSP_ID";
    public static final String DEFAULT_OPERATOR_MSP = "OperatorMSP";
    public static final String DEFAULT_REGULATOR_MSP = "RegulatorMSP";

    public AccessPolicy {
        Objects.requireNonNull(operatorMspId, "operatorMspId");
        Objects.requireNonNull(regulatorMspId, "regulatorMspId");
        if (operatorMspId.equals(regulatorMspId)) {
            // The regulator must read independently of the operator; one MSP for both defeats that.
            throw new IllegalArgumentException("the operator and regulator MSP ids must differ, both are "
                    + operatorMspId + ": the regulator reads the ledger as its own organisation");
        }
    }

    public static AccessPolicy fromEnvironment(Map<String, String> env) {
        return new AccessPolicy(
                nonBlankOr(env.get(OPERATOR_MSP_ENV), DEFAULT_OPERATOR_MSP),
                nonBlankOr(env.get(REGULATOR_MSP_ENV), DEFAULT_REGULATOR_MSP));
    }

    /** Writes: the operator only. */
    public void requireWriter(Context ctx, String transaction) {
        String msp = callerMsp(ctx);
        if (!operatorMspId.equals(msp)) {
            throw ErrorCode.ACCESS_DENIED.refuse(transaction + " may be submitted only by " + operatorMspId
                    + ", not by " + msp);
        }
    }

    /** Reads of trades, products and history: operator and regulator. */
    public void requireReader(Context ctx, String transaction) {
        String msp = callerMsp(ctx);
        if (!operatorMspId.equals(msp) && !regulatorMspId.equals(msp)) {
            throw ErrorCode.ACCESS_DENIED.refuse(transaction + " may be evaluated only by " + operatorMspId
                    + " or " + regulatorMspId + ", not by " + msp);
        }
    }

    public String callerMsp(Context ctx) {
        try {
            return ctx.getClientIdentity().getMSPID();
        } catch (RuntimeException e) {
            throw ErrorCode.ACCESS_DENIED.refuse("the caller's identity cannot be read: " + e.getMessage());
        }
    }

    private static String nonBlankOr(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}

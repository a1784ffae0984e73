package org.dataexchange.ledger.state;

import java.time.Instant;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;

/**
 * The key layout of the world state. One key per record and per split line, plus index keys whose
 * value is a single zero byte; no key is shared between trades, so concurrent trades never conflict.
 */
public final class LedgerKeys {

    public static final String PRODUCT_VERSION = "productVersion";
    public static final String TRADE = "trade";
    public static final String SPLIT_LINE = "splitLine";
    public static final String TRADE_BY_PRODUCT = "tradeByProduct";
    public static final String TRADE_BY_PARTY = "tradeByParty";
    public static final String CERTIFICATE = "certificate";
    public static final String CERTIFICATE_BY_TRADE = "certificateByTrade";
    public static final String REVOCATION = "revocation";
    public static final String DELIVERY = "delivery";
    public static final String DELIVERY_BY_TRADE = "deliveryByTrade";
    public static final String DISPUTE_OUTCOME = "disputeOutcome";
    public static final String DISPUTE_OUTCOME_BY_TRADE = "disputeOutcomeByTrade";
    public static final String SUPERVISION_ACTION = "supervisionAction";
    public static final String SUPERVISION_ACTION_BY_PARTY = "supervisionActionByParty";

    /**
     * Time index: Fabric refuses range queries over composite keys, so this index uses simple keys that
     * sort by time: {@code tradeTime|<epoch seconds, 12 digits>.<nanos, 9 digits>|<tradeId>}.
     */
    static final String TRADE_TIME_PREFIX = "tradeTime|";

    private LedgerKeys() {}

    public static String productVersion(ChaincodeStub stub, String productId, String version) {
        return stub.createCompositeKey(PRODUCT_VERSION, productId, version).toString();
    }

    public static CompositeKey productVersions(ChaincodeStub stub, String productId) {
        return stub.createCompositeKey(PRODUCT_VERSION, productId);
    }

    public static String trade(ChaincodeStub stub, String tradeId) {
        return stub.createCompositeKey(TRADE, tradeId).toString();
    }

    public static String splitLine(ChaincodeStub stub, String tradeId, int index) {
        return stub.createCompositeKey(SPLIT_LINE, tradeId, String.format("%04d", index)).toString();
    }

    public static String certificate(ChaincodeStub stub, String certificateId) {
        return stub.createCompositeKey(CERTIFICATE, certificateId).toString();
    }

    public static String revocation(ChaincodeStub stub, String certificateId) {
        return stub.createCompositeKey(REVOCATION, certificateId).toString();
    }

    public static String delivery(ChaincodeStub stub, String receiptId) {
        return stub.createCompositeKey(DELIVERY, receiptId).toString();
    }

    public static String disputeOutcome(ChaincodeStub stub, String outcomeId) {
        return stub.createCompositeKey(DISPUTE_OUTCOME, outcomeId).toString();
    }

    public static String supervisionAction(ChaincodeStub stub, String actionId) {
        return stub.createCompositeKey(SUPERVISION_ACTION, actionId).toString();
    }

    public static String tradeTime(Instant recordedAt, String tradeId) {
        return timePrefix(recordedAt) + "|" + tradeId;
    }

    /** The first key at or after {@code at} in the time index. */
    public static String timePrefix(Instant at) {
        if (at.getEpochSecond() < 0) {
            return TRADE_TIME_PREFIX;
        }
        return String.format("%s%012d.%09d", TRADE_TIME_PREFIX, at.getEpochSecond(), at.getNano());
    }
}

package org.dataexchange.ledger.offvenue;

import java.time.Instant;
import java.util.Objects;
import org.dataexchange.ledger.Arguments;
import org.dataexchange.ledger.ErrorCode;
import org.dataexchange.ledger.access.AccessPolicy;
import org.dataexchange.ledger.json.CanonicalJson;
import org.dataexchange.ledger.state.LedgerState;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.contract.annotation.Transaction.TYPE;

/**
 * Off-venue deals (场内场外相结合, SPEC §4): deals made outside the exchange that the operator verified, recorded on the
 * ledger marked off-venue so the regulator can trace them, under keys of their own so no trade query or trade statistic
 * ever counts them. A contract of its own in the same chaincode ({@code offvenue:RecordOffVenueDeal}); access as for
 * the settlement contract: the operator writes, operator and regulator read.
 */
@Contract(
        name = OffVenueContract.NAME,
        info = @Info(
                title = "Data-element exchange off-venue deals",
                description = "Deals made outside the exchange, verified by its operator and recorded marked off-venue",
                version = "1.0.0",
                license = @License(name = "Apache-2.0")))
public final class OffVenueContract implements ContractInterface {

    public static final String NAME = "offvenue";
    public static final String EVENT_OFF_VENUE_DEAL_RECORDED = "OffVenueDealRecorded";
    /** One composite key per deal: {@code offVenueDeal/<dealId>}. */
    public static final String OFF_VENUE_DEAL = "offVenueDeal";
    /** Index of each party's deals (merchant and buyer): {@code offVenueDealByParty/<party>/<dealId>}. */
    public static final String OFF_VENUE_DEAL_BY_PARTY = "offVenueDealByParty";

    private final AccessPolicy access;

    /** Used by the shim's contract router: MSP ids from the process environment. */
    public OffVenueContract() {
        this(AccessPolicy.fromEnvironment(System.getenv()));
    }

    public OffVenueContract(AccessPolicy access) {
        this.access = Objects.requireNonNull(access);
    }

    /** Records a verified off-venue deal. Argument: {@link OffVenueDealRequest}; answers the {@link OffVenueDeal}. */
    @Transaction(intent = TYPE.SUBMIT, name = "RecordOffVenueDeal")
    public String recordOffVenueDeal(Context ctx, String dealJson) {
        access.requireWriter(ctx, "RecordOffVenueDeal");
        OffVenueDealRequest req = CanonicalJson.readArgument(dealJson, OffVenueDealRequest.class, "deal").validated();
        LedgerState state = new LedgerState(ctx.getStub());
        String key = key(ctx, req.dealId());
        OffVenueDeal existing = state.find(key, OffVenueDeal.class);
        if (existing != null) {
            if (existing.request().equals(req)) {
                throw ErrorCode.ALREADY_RECORDED.refuse("off-venue deal " + req.dealId()
                        + " is already recorded in transaction " + existing.txId());
            }
            throw ErrorCode.ID_CONFLICT.refuse("off-venue deal " + req.dealId() + " is already recorded with different content");
        }
        Instant now = ctx.getStub().getTxTimestamp();
        OffVenueDeal recorded = new OffVenueDeal(req, OffVenueDeal.OFF_VENUE, now, ctx.getStub().getTxId());
        state.put(key, recorded);
        state.putIndex(OFF_VENUE_DEAL_BY_PARTY, req.merchantId(), req.dealId());
        state.putIndex(OFF_VENUE_DEAL_BY_PARTY, req.buyerId(), req.dealId());
        state.emit(EVENT_OFF_VENUE_DEAL_RECORDED, recorded);
        return CanonicalJson.write(recorded);
    }

    @Transaction(intent = TYPE.EVALUATE, name = "GetOffVenueDeal")
    public String getOffVenueDeal(Context ctx, String dealId) {
        access.requireReader(ctx, "GetOffVenueDeal");
        Arguments.text(dealId, "dealId", 128);
        return CanonicalJson.write(new LedgerState(ctx.getStub()).get(key(ctx, dealId), OffVenueDeal.class,
                "off-venue deal " + dealId));
    }

    /** All off-venue deals, a page at a time in deal-id order (the regulator's list, statistics, the monthly report). */
    @Transaction(intent = TYPE.EVALUATE, name = "QueryOffVenueDeals")
    public String queryOffVenueDeals(Context ctx, String pageSize, String bookmark) {
        access.requireReader(ctx, "QueryOffVenueDeals");
        return CanonicalJson.write(new LedgerState(ctx.getStub()).pageOfRecords(OFF_VENUE_DEAL,
                Arguments.pageSize(pageSize), bookmark, OffVenueDeal.class, "off-venue deal"));
    }

    /** Every off-venue deal a party made as merchant or buyer, in deal-id order. */
    @Transaction(intent = TYPE.EVALUATE, name = "QueryOffVenueDealsByParty")
    public String queryOffVenueDealsByParty(Context ctx, String partyId) {
        access.requireReader(ctx, "QueryOffVenueDealsByParty");
        Arguments.text(partyId, "partyId", 128);
        return CanonicalJson.write(new LedgerState(ctx.getStub()).indexedRecords(
                ctx.getStub().createCompositeKey(OFF_VENUE_DEAL_BY_PARTY, partyId), id -> key(ctx, id), OffVenueDeal.class,
                "off-venue deal"));
    }

    @Override
    public void unknownTransaction(Context ctx) {
        throw ErrorCode.UNKNOWN_TRANSACTION.refuse("the off-venue contract has no transaction named '"
                + ctx.getStub().getFunction() + "'");
    }

    private static String key(Context ctx, String dealId) {
        return ctx.getStub().createCompositeKey(OFF_VENUE_DEAL, dealId).toString();
    }
}

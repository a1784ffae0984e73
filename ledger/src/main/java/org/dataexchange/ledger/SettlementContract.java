package org.dataexchange.ledger;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.dataexchange.ledger.access.AccessPolicy;
import org.dataexchange.ledger.delivery.DeliveryMode;
import org.dataexchange.ledger.dispute.DisputeDecision;
import org.dataexchange.ledger.dispute.DisputeOutcome;
import org.dataexchange.ledger.dispute.DisputeOutcomeRequest;
import org.dataexchange.ledger.delivery.DeliveryReceipt;
import org.dataexchange.ledger.delivery.DeliveryRequest;
import org.dataexchange.ledger.json.CanonicalJson;
import org.dataexchange.ledger.licence.CertificateStatus;
import org.dataexchange.ledger.licence.CertificateVerification;
import org.dataexchange.ledger.licence.IssuedCertificate;
import org.dataexchange.ledger.licence.LicenceCertificate;
import org.dataexchange.ledger.licence.Revocation;
import org.dataexchange.ledger.licence.RevocationRequest;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.ListingStatus;
import org.dataexchange.ledger.product.ListingStatusChange;
import org.dataexchange.ledger.product.Product;
import org.dataexchange.ledger.product.ProductRegistration;
import org.dataexchange.ledger.product.ProductVersion;
import org.dataexchange.ledger.state.HistoryEntry;
import org.dataexchange.ledger.state.LedgerKeys;
import org.dataexchange.ledger.state.LedgerState;
import org.dataexchange.ledger.state.Page;
import org.dataexchange.ledger.supervision.SupervisionAction;
import org.dataexchange.ledger.supervision.SupervisionActionRequest;
import org.dataexchange.ledger.trade.Settlement;
import org.dataexchange.ledger.trade.SettlementBatch;
import org.dataexchange.ledger.trade.SettlementBatchResult;
import org.dataexchange.ledger.trade.SettlementOutcome;
import org.dataexchange.ledger.trade.SplitLine;
import org.dataexchange.ledger.trade.SplitLineRecord;
import org.dataexchange.ledger.trade.Trade;
import org.dataexchange.ledger.trade.TradeRequest;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.contract.annotation.Transaction.TYPE;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * The exchange's settlement ledger (SPEC §5). Every argument and result is canonical JSON; every
 * refusal carries an {@link ErrorCode}; every write emits one chaincode event whose payload is the
 * record written. Timestamps are the transaction's, so all endorsers agree.
 */
@Contract(
        name = SettlementContract.NAME,
        info = @Info(
                title = "Data-element exchange settlement",
                description = "Product registrations, trades with revenue splits, licence certificates,"
                        + " revocations, delivery receipts, dispute outcomes and supervision actions of the data-element exchange",
                version = "1.0.0",
                license = @License(name = "Apache-2.0"),
                contact = @Contact(name = "Data-element exchange")))
@Default
public final class SettlementContract implements ContractInterface {

    public static final String NAME = "settlement";

    public static final String EVENT_PRODUCT_REGISTERED = "ProductRegistered";
    public static final String EVENT_LISTING_STATUS_CHANGED = "ListingStatusChanged";
    public static final String EVENT_TRADE_SETTLED = "TradeSettled";
    public static final String EVENT_TRADES_SETTLED = "TradesSettled";
    public static final String EVENT_CERTIFICATE_ISSUED = "CertificateIssued";
    public static final String EVENT_LICENCE_REVOKED = "LicenceRevoked";
    public static final String EVENT_DELIVERY_RECORDED = "DeliveryRecorded";
    public static final String EVENT_DISPUTE_OUTCOME_RECORDED = "DisputeOutcomeRecorded";
    public static final String EVENT_SUPERVISION_ACTION_RECORDED = "SupervisionActionRecorded";

    private final AccessPolicy access;

    /** Used by the shim's contract router: MSP ids from the process environment. */
    public SettlementContract() {
        this(AccessPolicy.fromEnvironment(System.getenv()));
    }

    public SettlementContract(AccessPolicy access) {
        this.access = Objects.requireNonNull(access);
    }

    // ---------------------------------------------------------------- products

    /** Registers a reviewed product version as LISTED. Argument: {@link ProductRegistration}. */
    @Transaction(intent = TYPE.SUBMIT, name = "RegisterProductVersion")
    public String registerProductVersion(Context ctx, String registrationJson) {
        access.requireWriter(ctx, "RegisterProductVersion");
        ProductRegistration reg = CanonicalJson.readArgument(registrationJson, ProductRegistration.class, "registration")
                .validated();
        LedgerState state = new LedgerState(ctx.getStub());
        String key = LedgerKeys.productVersion(ctx.getStub(), reg.productId(), reg.version());
        ProductVersion existing = state.find(key, ProductVersion.class);
        if (existing != null) {
            if (existing.registration().equals(reg)) {
                throw ErrorCode.ALREADY_RECORDED.refuse("product " + reg.productId() + " version " + reg.version()
                        + " is already registered in transaction " + existing.registrationTxId());
            }
            throw ErrorCode.ID_CONFLICT.refuse("product " + reg.productId() + " version " + reg.version()
                    + " is already registered with different content");
        }
        for (ProductVersion other : state.listByPartialKey(
                LedgerKeys.productVersions(ctx.getStub(), reg.productId()), ProductVersion.class)) {
            if (!other.registration().merchantId().equals(reg.merchantId())) {
                throw ErrorCode.MERCHANT_MISMATCH.refuse("product " + reg.productId() + " belongs to merchant "
                        + other.registration().merchantId() + ", not " + reg.merchantId());
            }
        }
        DerivedProductRoyalties.checkParents(ctx, state, reg);
        Instant now = ctx.getStub().getTxTimestamp();
        ProductVersion registered = new ProductVersion(reg, ListingStatus.LISTED, "listing review passed",
                now, ctx.getStub().getTxId(), now);
        state.put(key, registered);
        state.emit(EVENT_PRODUCT_REGISTERED, registered);
        return CanonicalJson.write(registered);
    }

    /** Suspends, relists or delists a product version. Argument: {@link ListingStatusChange}. */
    @Transaction(intent = TYPE.SUBMIT, name = "UpdateListingStatus")
    public String updateListingStatus(Context ctx, String changeJson) {
        access.requireWriter(ctx, "UpdateListingStatus");
        ListingStatusChange change = CanonicalJson.readArgument(changeJson, ListingStatusChange.class, "change")
                .validated();
        LedgerState state = new LedgerState(ctx.getStub());
        String key = LedgerKeys.productVersion(ctx.getStub(), change.productId(), change.version());
        ProductVersion current = state.find(key, ProductVersion.class);
        if (current == null) {
            throw ErrorCode.PRODUCT_NOT_REGISTERED.refuse(
                    "product " + change.productId() + " version " + change.version() + " is not registered");
        }
        if (current.status() == change.status()) {
            throw ErrorCode.ALREADY_RECORDED.refuse("product " + change.productId() + " version "
                    + change.version() + " is already " + change.status());
        }
        if (!current.status().canChangeTo(change.status())) {
            throw ErrorCode.INVALID_STATUS_TRANSITION.refuse("product " + change.productId() + " version "
                    + change.version() + " cannot go from " + current.status() + " to " + change.status());
        }
        ProductVersion updated = current.withStatus(change.status(), change.reason(), ctx.getStub().getTxTimestamp());
        state.put(key, updated);
        state.emit(EVENT_LISTING_STATUS_CHANGED, updated);
        return CanonicalJson.write(updated);
    }

    /** A product with all its registered versions. */
    @Transaction(intent = TYPE.EVALUATE, name = "GetProduct")
    public String getProduct(Context ctx, String productId) {
        access.requireReader(ctx, "GetProduct");
        Arguments.text(productId, "productId", 128);
        List<ProductVersion> versions = new LedgerState(ctx.getStub())
                .listByPartialKey(LedgerKeys.productVersions(ctx.getStub(), productId), ProductVersion.class);
        if (versions.isEmpty()) {
            throw ErrorCode.NOT_FOUND.refuse("product " + productId + " is not on the ledger");
        }
        return CanonicalJson.write(new Product(productId, versions.get(0).registration().merchantId(), versions));
    }

    /** One registered product version. */
    @Transaction(intent = TYPE.EVALUATE, name = "GetProductVersion")
    public String getProductVersion(Context ctx, String productId, String version) {
        access.requireReader(ctx, "GetProductVersion");
        Arguments.text(productId, "productId", 128);
        Arguments.text(version, "version", 64);
        return CanonicalJson.write(new LedgerState(ctx.getStub()).get(
                LedgerKeys.productVersion(ctx.getStub(), productId, version), ProductVersion.class,
                "product " + productId + " version " + version));
    }

    /** Every change of a product version's record (registration, status changes), newest first. */
    @Transaction(intent = TYPE.EVALUATE, name = "GetProductVersionHistory")
    public String getProductVersionHistory(Context ctx, String productId, String version) {
        access.requireReader(ctx, "GetProductVersionHistory");
        Arguments.text(productId, "productId", 128);
        Arguments.text(version, "version", 64);
        return history(ctx, LedgerKeys.productVersion(ctx.getStub(), productId, version), ProductVersion.class);
    }

    // ---------------------------------------------------------------- trades

    /**
     * Records a settled trade after checking money, product and compliance gates. Argument:
     * {@link TradeRequest}. The identical trade again is refused as {@code ALREADY_RECORDED}, which clients
     * treat as success; a different trade under the same id as {@code ID_CONFLICT}.
     */
    @Transaction(intent = TYPE.SUBMIT, name = "RecordTrade")
    public String recordTrade(Context ctx, String tradeJson) {
        access.requireWriter(ctx, "RecordTrade");
        TradeRequest req = CanonicalJson.readArgument(tradeJson, TradeRequest.class, "trade").validated();
        LedgerState state = new LedgerState(ctx.getStub());
        String key = LedgerKeys.trade(ctx.getStub(), req.tradeId());
        Trade existing = state.find(key, Trade.class);
        if (existing != null) {
            if (existing.request().equals(req)) {
                throw ErrorCode.ALREADY_RECORDED.refuse("trade " + req.tradeId()
                        + " is already recorded in transaction " + existing.txId());
            }
            throw ErrorCode.ID_CONFLICT.refuse("trade " + req.tradeId() + " is already recorded with different content");
        }
        ProductVersion product = state.find(
                LedgerKeys.productVersion(ctx.getStub(), req.productId(), req.version()), ProductVersion.class);
        checkTradable(req, product);
        Trade trade = writeTrade(ctx, state, req, product);
        state.emit(EVENT_TRADE_SETTLED, trade);
        return CanonicalJson.write(trade);
    }

    /** Writes a checked trade: the trade, one key per split line, and the product, party and time indexes. */
    private static Trade writeTrade(Context ctx, LedgerState state, TradeRequest req, ProductVersion product) {
        Instant now = ctx.getStub().getTxTimestamp();
        ProductRegistration reg = product.registration();
        Trade trade = new Trade(req, reg.classificationLevel(), reg.industry(), req.crossBorder(), now,
                ctx.getStub().getTxId());
        state.put(LedgerKeys.trade(ctx.getStub(), req.tradeId()), trade);
        List<SplitLine> lines = req.splitLines();
        Set<String> parties = new LinkedHashSet<>(List.of(req.buyerId(), req.sellerId()));
        for (int i = 0; i < lines.size(); i++) {
            SplitLine line = lines.get(i);
            state.put(LedgerKeys.splitLine(ctx.getStub(), req.tradeId(), i),
                    new SplitLineRecord(req.tradeId(), i, line.party(), line.role(), line.amount(), req.currency(),
                            line.parentCertificateId()));
            parties.add(line.party());
        }
        state.putIndex(LedgerKeys.TRADE_BY_PRODUCT, req.productId(), req.tradeId());
        for (String party : parties) {
            state.putIndex(LedgerKeys.TRADE_BY_PARTY, party, req.tradeId());
        }
        state.putIndex(LedgerKeys.tradeTime(now, req.tradeId()));
        return trade;
    }

    /**
     * Settles a batch of orders in one transaction: for each, records the trade (after the same checks as
     * RecordTrade) and issues its licence certificate (after the same checks as IssueCertificate). Each settlement
     * succeeds or is refused on its own and a refused one writes nothing; an identical trade recorded before is
     * answered ALREADY_SETTLED with its certificate issued if it was missing, so a retried batch settles every trade
     * exactly once. Argument: {@link SettlementBatch}; result and TradesSettled event: {@link SettlementBatchResult}.
     */
    @Transaction(intent = TYPE.SUBMIT, name = "SettleTrades")
    public String settleTrades(Context ctx, String batchJson) {
        access.requireWriter(ctx, "SettleTrades");
        SettlementBatch batch = CanonicalJson.readArgument(batchJson, SettlementBatch.class, "batch").validated();
        LedgerState state = new LedgerState(ctx.getStub());
        // Most batches trade a few products many times: read each product version once.
        Map<List<String>, ProductVersion> products = new HashMap<>();
        List<SettlementOutcome> outcomes = new ArrayList<>(batch.settlements().size());
        for (Settlement settlement : batch.settlements()) {
            String tradeId = settlement.trade() == null ? null : settlement.trade().tradeId();
            try {
                outcomes.add(settle(ctx, state, settlement.validated(), products));
            } catch (ChaincodeException refused) {
                outcomes.add(SettlementOutcome.refused(tradeId, ErrorCode.of(refused), refused.getMessage()));
            }
        }
        SettlementBatchResult result = new SettlementBatchResult(outcomes);
        state.emit(EVENT_TRADES_SETTLED, result);
        return CanonicalJson.write(result);
    }

    /** One settlement of a batch; every check comes before the first write, so a refusal leaves nothing behind. */
    private static SettlementOutcome settle(Context ctx, LedgerState state, Settlement settlement,
                                            Map<List<String>, ProductVersion> products) {
        TradeRequest req = settlement.trade();
        LicenceCertificate cert = settlement.certificate();
        Trade existing = state.find(LedgerKeys.trade(ctx.getStub(), req.tradeId()), Trade.class);
        if (existing != null && !existing.request().equals(req)) {
            throw ErrorCode.ID_CONFLICT.refuse("trade " + req.tradeId() + " is already recorded with different content");
        }
        String certKey = LedgerKeys.certificate(ctx.getStub(), cert.certificateId());
        IssuedCertificate issued = state.find(certKey, IssuedCertificate.class);
        if (issued != null && !issued.certificate().equals(cert)) {
            throw ErrorCode.ID_CONFLICT.refuse("certificate " + cert.certificateId() + " is already issued with different content");
        }
        List<String> differences = differencesFromTrade(cert, req);
        if (!differences.isEmpty()) {
            throw ErrorCode.CERTIFICATE_MISMATCH.refuse("certificate " + cert.certificateId() + " differs from trade "
                    + req.tradeId() + " in " + differences);
        }
        String tradeTxId;
        if (existing == null) {
            ProductVersion product = products.computeIfAbsent(List.of(req.productId(), req.version()), k -> state.find(
                    LedgerKeys.productVersion(ctx.getStub(), req.productId(), req.version()), ProductVersion.class));
            checkTradable(req, product);
            tradeTxId = writeTrade(ctx, state, req, product).txId();
        } else {
            tradeTxId = existing.txId();
        }
        if (issued == null) {
            writeCertificate(ctx, state, cert, certKey);
        }
        return new SettlementOutcome(req.tradeId(), existing == null ? SettlementOutcome.Result.SETTLED
                : SettlementOutcome.Result.ALREADY_SETTLED, tradeTxId, cert.certificateId(), null, null);
    }

    /** The product and compliance gates of SPEC §5/§6; the ledger refuses even if the exchange erred. */
    private static void checkTradable(TradeRequest req, ProductVersion product) {
        String what = "product " + req.productId() + " version " + req.version();
        if (product == null) {
            throw ErrorCode.PRODUCT_NOT_REGISTERED.refuse(what + " is not registered");
        }
        if (product.status() != ListingStatus.LISTED) {
            throw ErrorCode.PRODUCT_NOT_LISTED.refuse(what + " is " + product.status());
        }
        ProductRegistration reg = product.registration();
        if (!reg.merchantId().equals(req.sellerId())) {
            throw ErrorCode.MERCHANT_MISMATCH.refuse(what + " is sold by " + reg.merchantId() + ", not "
                    + req.sellerId());
        }
        if (!reg.contentDigest().equals(req.contentDigest())) {
            throw ErrorCode.DIGEST_MISMATCH.refuse(what + " has digest " + reg.contentDigest()
                    + ", the trade names " + req.contentDigest());
        }
        ClassificationLevel level = reg.classificationLevel();
        if (level == ClassificationLevel.CORE && req.approvals().regulatorApprovalRef() == null) {
            throw ErrorCode.REGULATOR_APPROVAL_REQUIRED.refuse(what + " is core data; the trade has no regulatorApprovalRef");
        }
        if (level.atLeast(ClassificationLevel.IMPORTANT) && req.approvals().securityAgreementRef() == null) {
            throw ErrorCode.SECURITY_AGREEMENT_REQUIRED.refuse(what + " is " + level
                    + " data; the trade has no securityAgreementRef");
        }
        if (req.crossBorder()) {
            if (!reg.crossBorderAllowed()) {
                throw ErrorCode.CROSS_BORDER_NOT_PERMITTED.refuse(what + " may not go abroad (buyer in "
                        + req.buyerLocation() + ", delivery to " + req.deliveryLocation() + ")");
            }
            if (level.atLeast(ClassificationLevel.IMPORTANT) && req.approvals().exportAssessmentRef() == null) {
                throw ErrorCode.EXPORT_ASSESSMENT_REQUIRED.refuse(what + " is " + level
                        + " data going abroad; the trade has no exportAssessmentRef");
            }
        }
        DerivedProductRoyalties.checkRoyalties(req, product);
    }

    @Transaction(intent = TYPE.EVALUATE, name = "GetTrade")
    public String getTrade(Context ctx, String tradeId) {
        access.requireReader(ctx, "GetTrade");
        Arguments.text(tradeId, "tradeId", 128);
        return CanonicalJson.write(new LedgerState(ctx.getStub())
                .get(LedgerKeys.trade(ctx.getStub(), tradeId), Trade.class, "trade " + tradeId));
    }

    /** The split lines of a trade, one ledger key each. */
    @Transaction(intent = TYPE.EVALUATE, name = "GetSplitLines")
    public String getSplitLines(Context ctx, String tradeId) {
        access.requireReader(ctx, "GetSplitLines");
        Arguments.text(tradeId, "tradeId", 128);
        LedgerState state = new LedgerState(ctx.getStub());
        List<SplitLineRecord> lines = state.listByPartialKey(
                ctx.getStub().createCompositeKey(LedgerKeys.SPLIT_LINE, tradeId), SplitLineRecord.class);
        if (lines.isEmpty()) {
            throw ErrorCode.NOT_FOUND.refuse("trade " + tradeId + " is not on the ledger");
        }
        return CanonicalJson.write(lines);
    }

    @Transaction(intent = TYPE.EVALUATE, name = "QueryTradesByProduct")
    public String queryTradesByProduct(Context ctx, String productId, String pageSize, String bookmark) {
        access.requireReader(ctx, "QueryTradesByProduct");
        Arguments.text(productId, "productId", 128);
        return tradesByIndex(ctx, LedgerKeys.TRADE_BY_PRODUCT, productId, pageSize, bookmark);
    }

    /** Trades where the party is buyer, seller or receives a split line. */
    @Transaction(intent = TYPE.EVALUATE, name = "QueryTradesByParty")
    public String queryTradesByParty(Context ctx, String partyId, String pageSize, String bookmark) {
        access.requireReader(ctx, "QueryTradesByParty");
        Arguments.text(partyId, "partyId", 128);
        return tradesByIndex(ctx, LedgerKeys.TRADE_BY_PARTY, partyId, pageSize, bookmark);
    }

    /** Trades recorded in [from, to), ISO-8601 instants, oldest first. */
    @Transaction(intent = TYPE.EVALUATE, name = "QueryTradesByTime")
    public String queryTradesByTime(Context ctx, String from, String to, String pageSize, String bookmark) {
        access.requireReader(ctx, "QueryTradesByTime");
        Instant start = instant(from, "from");
        Instant end = instant(to, "to");
        if (!end.isAfter(start)) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("to must be after from");
        }
        LedgerState state = new LedgerState(ctx.getStub());
        Page<Trade> page = state.pageByRange(LedgerKeys.timePrefix(start), LedgerKeys.timePrefix(end),
                Arguments.pageSize(pageSize), bookmark, key -> {
                    String tradeId = key.substring(key.indexOf('|', key.indexOf('|') + 1) + 1);
                    return state.get(LedgerKeys.trade(ctx.getStub(), tradeId), Trade.class, "trade " + tradeId);
                });
        return CanonicalJson.write(page);
    }

    @Transaction(intent = TYPE.EVALUATE, name = "GetTradeHistory")
    public String getTradeHistory(Context ctx, String tradeId) {
        access.requireReader(ctx, "GetTradeHistory");
        Arguments.text(tradeId, "tradeId", 128);
        return history(ctx, LedgerKeys.trade(ctx.getStub(), tradeId), Trade.class);
    }

    private String tradesByIndex(Context ctx, String index, String attribute, String pageSize, String bookmark) {
        LedgerState state = new LedgerState(ctx.getStub());
        Page<Trade> page = state.pageByIndex(ctx.getStub().createCompositeKey(index, attribute),
                Arguments.pageSize(pageSize), bookmark, key -> {
                    String tradeId = key.getAttributes().get(1);
                    return state.get(LedgerKeys.trade(ctx.getStub(), tradeId), Trade.class, "trade " + tradeId);
                });
        return CanonicalJson.write(page);
    }

    // ---------------------------------------------------------------- licences

    /** Issues the buyer's licence certificate for a recorded trade. Argument: {@link LicenceCertificate}. */
    @Transaction(intent = TYPE.SUBMIT, name = "IssueCertificate")
    public String issueCertificate(Context ctx, String certificateJson) {
        access.requireWriter(ctx, "IssueCertificate");
        LicenceCertificate cert = CanonicalJson.readArgument(certificateJson, LicenceCertificate.class, "certificate")
                .validated();
        LedgerState state = new LedgerState(ctx.getStub());
        String key = LedgerKeys.certificate(ctx.getStub(), cert.certificateId());
        IssuedCertificate existing = state.find(key, IssuedCertificate.class);
        if (existing != null) {
            if (existing.certificate().equals(cert)) {
                throw ErrorCode.ALREADY_RECORDED.refuse("certificate " + cert.certificateId()
                        + " is already issued in transaction " + existing.txId());
            }
            throw ErrorCode.ID_CONFLICT.refuse("certificate " + cert.certificateId()
                    + " is already issued with different content");
        }
        Trade trade = state.find(LedgerKeys.trade(ctx.getStub(), cert.tradeId()), Trade.class);
        if (trade == null) {
            throw ErrorCode.NOT_FOUND.refuse("trade " + cert.tradeId() + " is not on the ledger");
        }
        List<String> differences = differencesFromTrade(cert, trade.request());
        if (!differences.isEmpty()) {
            throw ErrorCode.CERTIFICATE_MISMATCH.refuse("certificate " + cert.certificateId() + " differs from trade "
                    + cert.tradeId() + " in " + differences);
        }
        IssuedCertificate issued = writeCertificate(ctx, state, cert, key);
        state.emit(EVENT_CERTIFICATE_ISSUED, issued);
        return CanonicalJson.write(issued);
    }

    private static IssuedCertificate writeCertificate(Context ctx, LedgerState state, LicenceCertificate cert, String key) {
        IssuedCertificate issued = new IssuedCertificate(cert, ctx.getStub().getTxTimestamp(), ctx.getStub().getTxId());
        state.put(key, issued);
        state.putIndex(LedgerKeys.CERTIFICATE_BY_TRADE, cert.tradeId(), cert.certificateId());
        return issued;
    }

    private static List<String> differencesFromTrade(LicenceCertificate cert, TradeRequest trade) {
        List<String> fields = new ArrayList<>();
        if (!cert.productId().equals(trade.productId())) fields.add("productId");
        if (!cert.version().equals(trade.version())) fields.add("version");
        if (!cert.contentDigest().equals(trade.contentDigest())) fields.add("contentDigest");
        if (!cert.agreementHash().equals(trade.agreementHash())) fields.add("agreementHash");
        if (!cert.buyerId().equals(trade.buyerId())) fields.add("buyerId");
        if (!cert.sellerId().equals(trade.sellerId())) fields.add("sellerId");
        return fields;
    }

    /** A certificate and its revocation, if any. */
    @Transaction(intent = TYPE.EVALUATE, name = "GetCertificate")
    public String getCertificate(Context ctx, String certificateId) {
        access.requireReader(ctx, "GetCertificate");
        Arguments.text(certificateId, "certificateId", 128);
        LedgerState state = new LedgerState(ctx.getStub());
        IssuedCertificate issued = state.get(LedgerKeys.certificate(ctx.getStub(), certificateId),
                IssuedCertificate.class, "certificate " + certificateId);
        Revocation revocation = state.find(LedgerKeys.revocation(ctx.getStub(), certificateId), Revocation.class);
        return CanonicalJson.write(new CertificateStatus(issued, revocation));
    }

    @Transaction(intent = TYPE.EVALUATE, name = "GetCertificateHistory")
    public String getCertificateHistory(Context ctx, String certificateId) {
        access.requireReader(ctx, "GetCertificateHistory");
        Arguments.text(certificateId, "certificateId", 128);
        return history(ctx, LedgerKeys.certificate(ctx.getStub(), certificateId), IssuedCertificate.class);
    }

    /**
     * Checks a presented certificate against the ledger: present, identical, not revoked, in term at the
     * time of the query. Any channel member may ask; a mismatch is an answer, not an error.
     */
    @Transaction(intent = TYPE.EVALUATE, name = "VerifyCertificate")
    public String verifyCertificate(Context ctx, String certificateJson) {
        access.callerMsp(ctx);
        LicenceCertificate presented = CanonicalJson.readArgument(certificateJson, LicenceCertificate.class,
                "certificate");
        Arguments.text(presented.certificateId(), "certificateId", 128);
        LedgerState state = new LedgerState(ctx.getStub());
        Instant now = ctx.getStub().getTxTimestamp();
        IssuedCertificate issued = state.find(
                LedgerKeys.certificate(ctx.getStub(), presented.certificateId()), IssuedCertificate.class);
        if (issued == null) {
            return CanonicalJson.write(new CertificateVerification(presented.certificateId(), false, false,
                    List.of(), false, null, false, false, null, now));
        }
        LicenceCertificate onLedger = issued.certificate();
        List<String> mismatched = mismatchedFields(presented, onLedger);
        Revocation revocation = state.find(
                LedgerKeys.revocation(ctx.getStub(), presented.certificateId()), Revocation.class);
        boolean expired = onLedger.validUntil() != null && !now.isBefore(onLedger.validUntil());
        boolean notYetValid = now.isBefore(onLedger.validFrom());
        boolean valid = mismatched.isEmpty() && revocation == null && !expired && !notYetValid;
        return CanonicalJson.write(new CertificateVerification(presented.certificateId(), valid, true, mismatched,
                revocation != null, revocation, expired, notYetValid, issued.txId(), now));
    }

    private static List<String> mismatchedFields(LicenceCertificate presented, LicenceCertificate onLedger) {
        List<String> fields = new ArrayList<>();
        if (!Objects.equals(presented.tradeId(), onLedger.tradeId())) fields.add("tradeId");
        if (!Objects.equals(presented.productId(), onLedger.productId())) fields.add("productId");
        if (!Objects.equals(presented.version(), onLedger.version())) fields.add("version");
        if (!Objects.equals(presented.contentDigest(), onLedger.contentDigest())) fields.add("contentDigest");
        if (!Objects.equals(presented.agreementHash(), onLedger.agreementHash())) fields.add("agreementHash");
        if (!Objects.equals(presented.buyerId(), onLedger.buyerId())) fields.add("buyerId");
        if (!Objects.equals(presented.sellerId(), onLedger.sellerId())) fields.add("sellerId");
        if (!Objects.equals(presented.right(), onLedger.right())) fields.add("right");
        if (!Objects.equals(presented.permittedActions(), onLedger.permittedActions())) fields.add("permittedActions");
        if (!Objects.equals(presented.validFrom(), onLedger.validFrom())) fields.add("validFrom");
        if (!Objects.equals(presented.validUntil(), onLedger.validUntil())) fields.add("validUntil");
        if (!Objects.equals(presented.volumeCaps(), onLedger.volumeCaps())) fields.add("volumeCaps");
        return fields;
    }

    /** Revokes a licence before its term ends. Argument: {@link RevocationRequest}. */
    @Transaction(intent = TYPE.SUBMIT, name = "RevokeLicence")
    public String revokeLicence(Context ctx, String revocationJson) {
        access.requireWriter(ctx, "RevokeLicence");
        RevocationRequest req = CanonicalJson.readArgument(revocationJson, RevocationRequest.class, "revocation")
                .validated();
        LedgerState state = new LedgerState(ctx.getStub());
        state.get(LedgerKeys.certificate(ctx.getStub(), req.certificateId()), IssuedCertificate.class,
                "certificate " + req.certificateId());
        String key = LedgerKeys.revocation(ctx.getStub(), req.certificateId());
        Revocation existing = state.find(key, Revocation.class);
        if (existing != null) {
            if (existing.request().equals(req)) {
                throw ErrorCode.ALREADY_RECORDED.refuse("certificate " + req.certificateId()
                        + " is already revoked in transaction " + existing.txId());
            }
            throw ErrorCode.ID_CONFLICT.refuse("certificate " + req.certificateId()
                    + " is already revoked for another reason");
        }
        Revocation revocation = new Revocation(req, ctx.getStub().getTxTimestamp(), ctx.getStub().getTxId());
        state.put(key, revocation);
        state.emit(EVENT_LICENCE_REVOKED, revocation);
        return CanonicalJson.write(revocation);
    }

    // ---------------------------------------------------------------- delivery

    /** Records a delivery under a licence in force. Argument: {@link DeliveryRequest}. */
    @Transaction(intent = TYPE.SUBMIT, name = "RecordDelivery")
    public String recordDelivery(Context ctx, String deliveryJson) {
        access.requireWriter(ctx, "RecordDelivery");
        DeliveryRequest req = CanonicalJson.readArgument(deliveryJson, DeliveryRequest.class, "delivery").validated();
        LedgerState state = new LedgerState(ctx.getStub());
        String key = LedgerKeys.delivery(ctx.getStub(), req.receiptId());
        DeliveryReceipt existing = state.find(key, DeliveryReceipt.class);
        if (existing != null) {
            if (existing.request().equals(req)) {
                throw ErrorCode.ALREADY_RECORDED.refuse("delivery receipt " + req.receiptId()
                        + " is already recorded in transaction " + existing.txId());
            }
            throw ErrorCode.ID_CONFLICT.refuse("delivery receipt " + req.receiptId()
                    + " is already recorded with different content");
        }
        IssuedCertificate issued = state.get(LedgerKeys.certificate(ctx.getStub(), req.certificateId()),
                IssuedCertificate.class, "certificate " + req.certificateId());
        LicenceCertificate cert = issued.certificate();
        if (state.find(LedgerKeys.revocation(ctx.getStub(), req.certificateId()), Revocation.class) != null) {
            throw ErrorCode.LICENCE_REVOKED.refuse("certificate " + req.certificateId() + " is revoked");
        }
        Instant now = ctx.getStub().getTxTimestamp();
        if (!cert.validAt(now)) {
            throw ErrorCode.LICENCE_NOT_VALID_AT_TIME.refuse("certificate " + req.certificateId() + " is valid from "
                    + cert.validFrom() + (cert.validUntil() == null ? "" : " until " + cert.validUntil())
                    + ", not at " + now);
        }
        if (req.contentDigest() != null && req.mode() == DeliveryMode.FILE_DOWNLOAD
                && !req.contentDigest().equals(cert.contentDigest())) {
            throw ErrorCode.DIGEST_MISMATCH.refuse("delivered file has digest " + req.contentDigest()
                    + ", the licence covers " + cert.contentDigest());
        }
        Trade trade = state.get(LedgerKeys.trade(ctx.getStub(), cert.tradeId()), Trade.class, "trade " + cert.tradeId());
        if (!trade.crossBorder() && !org.dataexchange.ledger.trade.Territory.isMainlandChina(req.deliveryLocation())) {
            throw ErrorCode.CROSS_BORDER_NOT_PERMITTED.refuse("trade " + cert.tradeId()
                    + " was domestic; it cannot be delivered to " + req.deliveryLocation());
        }
        DeliveryReceipt receipt = new DeliveryReceipt(req, cert.tradeId(), now, ctx.getStub().getTxId());
        state.put(key, receipt);
        state.putIndex(LedgerKeys.DELIVERY_BY_TRADE, cert.tradeId(), req.receiptId());
        state.emit(EVENT_DELIVERY_RECORDED, receipt);
        return CanonicalJson.write(receipt);
    }

    @Transaction(intent = TYPE.EVALUATE, name = "GetDelivery")
    public String getDelivery(Context ctx, String receiptId) {
        access.requireReader(ctx, "GetDelivery");
        Arguments.text(receiptId, "receiptId", 128);
        return CanonicalJson.write(new LedgerState(ctx.getStub()).get(LedgerKeys.delivery(ctx.getStub(), receiptId),
                DeliveryReceipt.class, "delivery receipt " + receiptId));
    }

    /** Every delivery recorded for a trade, in receipt-id order. */
    @Transaction(intent = TYPE.EVALUATE, name = "QueryDeliveriesByTrade")
    public String queryDeliveriesByTrade(Context ctx, String tradeId) {
        access.requireReader(ctx, "QueryDeliveriesByTrade");
        Arguments.text(tradeId, "tradeId", 128);
        return CanonicalJson.write(new LedgerState(ctx.getStub()).indexedRecords(
                ctx.getStub().createCompositeKey(LedgerKeys.DELIVERY_BY_TRADE, tradeId),
                id -> LedgerKeys.delivery(ctx.getStub(), id), DeliveryReceipt.class, "delivery"));
    }

    // ---------------------------------------------------------------- disputes

    /**
     * Records the operator's decision on a complaint about a trade, with the refund and how it is taken back from
     * the trade's split parties. The refund may not exceed what the trade has left after earlier refunds, nor any
     * party's refund what its split line has left; a FULL_REFUND refunds exactly what is left. The identical outcome
     * again is refused as {@code ALREADY_RECORDED}, a different one under the same id as {@code ID_CONFLICT}.
     * Argument: {@link DisputeOutcomeRequest}; result and DisputeOutcomeRecorded event: {@link DisputeOutcome}.
     */
    @Transaction(intent = TYPE.SUBMIT, name = "RecordDisputeOutcome")
    public String recordDisputeOutcome(Context ctx, String outcomeJson) {
        access.requireWriter(ctx, "RecordDisputeOutcome");
        DisputeOutcomeRequest req = CanonicalJson.readArgument(outcomeJson, DisputeOutcomeRequest.class, "outcome")
                .validated();
        LedgerState state = new LedgerState(ctx.getStub());
        String key = LedgerKeys.disputeOutcome(ctx.getStub(), req.outcomeId());
        DisputeOutcome existing = state.find(key, DisputeOutcome.class);
        if (existing != null) {
            if (existing.request().equals(req)) {
                throw ErrorCode.ALREADY_RECORDED.refuse("dispute outcome " + req.outcomeId()
                        + " is already recorded in transaction " + existing.txId());
            }
            throw ErrorCode.ID_CONFLICT.refuse("dispute outcome " + req.outcomeId()
                    + " is already recorded with different content");
        }
        Trade trade = state.get(LedgerKeys.trade(ctx.getStub(), req.tradeId()), Trade.class, "trade " + req.tradeId());
        if (!trade.request().currency().equals(req.currency())) {
            throw ErrorCode.REFUND_PARTY_MISMATCH.refuse("trade " + req.tradeId() + " was paid in "
                    + trade.request().currency() + ", the refund is in " + req.currency());
        }
        // What each (party, role) was paid, less what earlier outcomes took back from it.
        Map<List<String>, Long> left = new HashMap<>();
        for (SplitLine line : trade.request().splitLines()) {
            left.merge(List.of(line.party(), line.role().name()), line.amount(), Long::sum);
        }
        long refundedBefore = 0;
        for (DisputeOutcome earlier : disputeOutcomesOf(ctx, state, req.tradeId())) {
            refundedBefore += earlier.request().refundAmount();
            for (SplitLine line : earlier.request().refundLines()) {
                left.merge(List.of(line.party(), line.role().name()), -line.amount(), Long::sum);
            }
        }
        long remaining = trade.request().amount() - refundedBefore;
        if (req.refundAmount() > remaining) {
            throw ErrorCode.REFUND_EXCEEDS_TRADE.refuse("trade " + req.tradeId() + " of " + trade.request().amount()
                    + " has " + remaining + " left after earlier refunds of " + refundedBefore + "; the refund is "
                    + req.refundAmount());
        }
        if (req.decision() == DisputeDecision.FULL_REFUND && req.refundAmount() != remaining) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("a FULL_REFUND refunds all that is left of trade " + req.tradeId()
                    + ", " + remaining + ", not " + req.refundAmount());
        }
        Map<List<String>, Long> taken = new HashMap<>();
        for (SplitLine line : req.refundLines()) {
            List<String> party = List.of(line.party(), line.role().name());
            if (!left.containsKey(party)) {
                throw ErrorCode.REFUND_PARTY_MISMATCH.refuse("trade " + req.tradeId() + " has no split line for "
                        + line.role() + " " + line.party());
            }
            long total = taken.merge(party, line.amount(), Long::sum);
            if (total > left.get(party)) {
                throw ErrorCode.REFUND_EXCEEDS_TRADE.refuse(line.role() + " " + line.party() + " has "
                        + left.get(party) + " left of trade " + req.tradeId() + "; the refund takes " + total);
            }
        }
        DisputeOutcome outcome = new DisputeOutcome(req, refundedBefore, trade.request().amount(),
                ctx.getStub().getTxTimestamp(), ctx.getStub().getTxId());
        state.put(key, outcome);
        state.putIndex(LedgerKeys.DISPUTE_OUTCOME_BY_TRADE, req.tradeId(), req.outcomeId());
        state.emit(EVENT_DISPUTE_OUTCOME_RECORDED, outcome);
        return CanonicalJson.write(outcome);
    }

    @Transaction(intent = TYPE.EVALUATE, name = "GetDisputeOutcome")
    public String getDisputeOutcome(Context ctx, String outcomeId) {
        access.requireReader(ctx, "GetDisputeOutcome");
        Arguments.text(outcomeId, "outcomeId", 128);
        return CanonicalJson.write(new LedgerState(ctx.getStub()).get(LedgerKeys.disputeOutcome(ctx.getStub(), outcomeId),
                DisputeOutcome.class, "dispute outcome " + outcomeId));
    }

    /** Every dispute outcome of a trade, in outcome-id order. */
    @Transaction(intent = TYPE.EVALUATE, name = "QueryDisputeOutcomesByTrade")
    public String queryDisputeOutcomesByTrade(Context ctx, String tradeId) {
        access.requireReader(ctx, "QueryDisputeOutcomesByTrade");
        Arguments.text(tradeId, "tradeId", 128);
        return CanonicalJson.write(disputeOutcomesOf(ctx, new LedgerState(ctx.getStub()), tradeId));
    }

    /** All dispute outcomes, a page at a time in outcome-id order (the regulator's list and reconciliation). */
    @Transaction(intent = TYPE.EVALUATE, name = "QueryDisputeOutcomes")
    public String queryDisputeOutcomes(Context ctx, String pageSize, String bookmark) {
        access.requireReader(ctx, "QueryDisputeOutcomes");
        return CanonicalJson.write(new LedgerState(ctx.getStub()).pageOfRecords(LedgerKeys.DISPUTE_OUTCOME,
                Arguments.pageSize(pageSize), bookmark, DisputeOutcome.class, "dispute outcome"));
    }

    private static List<DisputeOutcome> disputeOutcomesOf(Context ctx, LedgerState state, String tradeId) {
        return state.indexedRecords(ctx.getStub().createCompositeKey(LedgerKeys.DISPUTE_OUTCOME_BY_TRADE, tradeId),
                id -> LedgerKeys.disputeOutcome(ctx.getStub(), id), DisputeOutcome.class, "dispute outcome");
    }

    // ---------------------------------------------------------------- supervision

    /**
     * Records a supervision action the exchange took against a merchant (warning talk, listing takedown, suspension,
     * reinstatement, disqualification) with its reason and who decided it; the time is the transaction's. The ledger
     * keeps the record for the regulator and the merchant; the merchant's standing is the exchange's to keep. The
     * identical action again is refused as {@code ALREADY_RECORDED}, a different one under the same id as
     * {@code ID_CONFLICT}. Argument: {@link SupervisionActionRequest}; result and SupervisionActionRecorded event:
     * {@link SupervisionAction}.
     */
    @Transaction(intent = TYPE.SUBMIT, name = "RecordSupervisionAction")
    public String recordSupervisionAction(Context ctx, String actionJson) {
        access.requireWriter(ctx, "RecordSupervisionAction");
        SupervisionActionRequest req = CanonicalJson.readArgument(actionJson, SupervisionActionRequest.class, "action")
                .validated();
        LedgerState state = new LedgerState(ctx.getStub());
        String key = LedgerKeys.supervisionAction(ctx.getStub(), req.actionId());
        SupervisionAction existing = state.find(key, SupervisionAction.class);
        if (existing != null) {
            if (existing.request().equals(req)) {
                throw ErrorCode.ALREADY_RECORDED.refuse("supervision action " + req.actionId()
                        + " is already recorded in transaction " + existing.txId());
            }
            throw ErrorCode.ID_CONFLICT.refuse("supervision action " + req.actionId()
                    + " is already recorded with different content");
        }
        SupervisionAction action = new SupervisionAction(req, ctx.getStub().getTxTimestamp(), ctx.getStub().getTxId());
        state.put(key, action);
        state.putIndex(LedgerKeys.SUPERVISION_ACTION_BY_PARTY, req.partyId(), req.actionId());
        state.emit(EVENT_SUPERVISION_ACTION_RECORDED, action);
        return CanonicalJson.write(action);
    }

    @Transaction(intent = TYPE.EVALUATE, name = "GetSupervisionAction")
    public String getSupervisionAction(Context ctx, String actionId) {
        access.requireReader(ctx, "GetSupervisionAction");
        Arguments.text(actionId, "actionId", 128);
        return CanonicalJson.write(new LedgerState(ctx.getStub()).get(LedgerKeys.supervisionAction(ctx.getStub(), actionId),
                SupervisionAction.class, "supervision action " + actionId));
    }

    /** Every supervision action recorded against a party, in action-id order. */
    @Transaction(intent = TYPE.EVALUATE, name = "QuerySupervisionActionsByParty")
    public String querySupervisionActionsByParty(Context ctx, String partyId) {
        access.requireReader(ctx, "QuerySupervisionActionsByParty");
        Arguments.text(partyId, "partyId", 128);
        return CanonicalJson.write(new LedgerState(ctx.getStub()).indexedRecords(
                ctx.getStub().createCompositeKey(LedgerKeys.SUPERVISION_ACTION_BY_PARTY, partyId),
                id -> LedgerKeys.supervisionAction(ctx.getStub(), id), SupervisionAction.class, "supervision action"));
    }

    /** All supervision actions, a page at a time in action-id order (the regulator's list). */
    @Transaction(intent = TYPE.EVALUATE, name = "QuerySupervisionActions")
    public String querySupervisionActions(Context ctx, String pageSize, String bookmark) {
        access.requireReader(ctx, "QuerySupervisionActions");
        return CanonicalJson.write(new LedgerState(ctx.getStub()).pageOfRecords(LedgerKeys.SUPERVISION_ACTION,
                Arguments.pageSize(pageSize), bookmark, SupervisionAction.class, "supervision action"));
    }

    // ---------------------------------------------------------------- shared

    @Override
    public void unknownTransaction(Context ctx) {
        throw ErrorCode.UNKNOWN_TRANSACTION.refuse("the settlement contract has no transaction named '"
                + ctx.getStub().getFunction() + "'");
    }

    private static <T> String history(Context ctx, String key, Class<T> type) {
        List<HistoryEntry<T>> entries = new LedgerState(ctx.getStub()).history(key, type);
        if (entries.isEmpty()) {
            throw ErrorCode.NOT_FOUND.refuse("no record has ever been written under this key");
        }
        return CanonicalJson.write(entries);
    }

    private static Instant instant(String value, String field) {
        Arguments.text(value, field, 64);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ErrorCode.INVALID_ARGUMENT.refuse(field + " must be an ISO-8601 instant such as"
                    + " 2026-01-31T00:00:00Z, was '" + value + "'");
        }
    }
}

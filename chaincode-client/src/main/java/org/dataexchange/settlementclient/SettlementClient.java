package org.dataexchange.settlementclient;

import com.fasterxml.jackson.core.type.TypeReference;
import io.grpc.Channel;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.dataexchange.ledger.ErrorCode;
import org.dataexchange.ledger.delivery.DeliveryReceipt;
import org.dataexchange.ledger.delivery.DeliveryRequest;
import org.dataexchange.ledger.json.CanonicalJson;
import org.dataexchange.ledger.licence.CertificateStatus;
import org.dataexchange.ledger.licence.CertificateVerification;
import org.dataexchange.ledger.licence.IssuedCertificate;
import org.dataexchange.ledger.licence.LicenceCertificate;
import org.dataexchange.ledger.licence.Revocation;
import org.dataexchange.ledger.licence.RevocationRequest;
import org.dataexchange.ledger.product.ListingStatusChange;
import org.dataexchange.ledger.product.Product;
import org.dataexchange.ledger.product.ProductRegistration;
import org.dataexchange.ledger.product.ProductVersion;
import org.dataexchange.ledger.state.HistoryEntry;
import org.dataexchange.ledger.state.Page;
import org.dataexchange.ledger.trade.SplitLineRecord;
import org.dataexchange.ledger.trade.Trade;
import org.dataexchange.ledger.trade.TradeRequest;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.ChaincodeEventsRequest;
import org.hyperledger.fabric.client.Checkpoint;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.identity.Identity;
import org.hyperledger.fabric.client.identity.Signer;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/**
 * The exchange's door to the settlement ledger: one method per contract transaction and query, Java records
 * in and out, over the Fabric Gateway SDK, the same against devnet and a Fabric peer. It is given what any
 * Gateway application is given: a gRPC channel to a peer's gateway and the SDK's {@link Identity} and {@link Signer};
 * where those come from (an embedded network, an MSP folder, a hardware key) is the caller's business.
 *
 * <p>Writes return at once with a future that completes when the transaction is committed (endorse, submit
 * and commit status run on virtual threads). MVCC read conflicts are retried by running the whole transaction
 * again, with jittered backoff, up to {@link ClientOptions.RetryPolicy#maxAttempts()}; the identical record
 * already on the ledger (ALREADY_RECORDED) completes normally with {@link Committed#alreadyRecorded()}.
 * Failures are {@link LedgerException}s. Queries block and answer records.
 */
public final class SettlementClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SettlementClient.class.getName());
    private static final String QSCC = "qscc";

    private final ClientOptions options;
    private final Gateway gateway;
    private final Network network;
    private final Contract contract;
    private final Contract qscc;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong readConflictRetries = new AtomicLong();

    private SettlementClient(Channel grpc, Identity identity, Signer signer, ClientOptions options) {
        this.options = options;
        ClientOptions.Deadlines d = options.deadlines();
        this.gateway = Gateway.newInstance()
                .identity(identity)
                .signer(signer)
                .connection(grpc)
                // Wait-for-ready: during a brief outage calls wait for the connection until their deadline
                // instead of failing at once, so a restarting peer costs latency, not errors.
                .evaluateOptions(o -> o.withWaitForReady().withDeadlineAfter(d.evaluate().toMillis(), TimeUnit.MILLISECONDS))
                .endorseOptions(o -> o.withWaitForReady().withDeadlineAfter(d.endorse().toMillis(), TimeUnit.MILLISECONDS))
                .submitOptions(o -> o.withWaitForReady().withDeadlineAfter(d.submit().toMillis(), TimeUnit.MILLISECONDS))
                .commitStatusOptions(o -> o.withWaitForReady()
                        .withDeadlineAfter(d.commitStatus().toMillis(), TimeUnit.MILLISECONDS))
                .chaincodeEventsOptions(o -> o.withWaitForReady())
                .connect();
        this.network = gateway.getNetwork(options.channel());
        this.contract = network.getContract(options.chaincode());
        this.qscc = network.getContract(QSCC);
    }

    /**
     * A client of the settlement contract over {@code grpc} (a channel to a peer's gateway service, which the caller
     * owns and shuts down after closing this client), acting as {@code identity} and signing with {@code signer}.
     */
    public static SettlementClient connect(Channel grpc, Identity identity, Signer signer, ClientOptions options) {
        return new SettlementClient(Objects.requireNonNull(grpc, "grpc"), Objects.requireNonNull(identity, "identity"),
                Objects.requireNonNull(signer, "signer"), Objects.requireNonNull(options, "options"));
    }

    /** How many times a transaction was run again after a read conflict, since this client started. */
    public long readConflictRetries() {
        return readConflictRetries.get();
    }

    // ------------------------------------------------------------------ products

    public CompletableFuture<Committed<ProductVersion>> registerProductVersion(ProductRegistration registration) {
        return submit("RegisterProductVersion", registration, ProductVersion.class, () -> {
            ProductVersion v = productVersion(registration.productId(), registration.version());
            return committedAs(v, v.registrationTxId());
        });
    }

    public CompletableFuture<Committed<ProductVersion>> updateListingStatus(ListingStatusChange change) {
        return submit("UpdateListingStatus", change, ProductVersion.class, () -> {
            List<HistoryEntry<ProductVersion>> history = productVersionHistory(change.productId(), change.version());
            return committedAs(history.get(0).value(), history.get(0).txId());
        });
    }

    public Product product(String productId) {
        return evaluate("GetProduct", Product.class, productId);
    }

    public ProductVersion productVersion(String productId, String version) {
        return evaluate("GetProductVersion", ProductVersion.class, productId, version);
    }

    public List<HistoryEntry<ProductVersion>> productVersionHistory(String productId, String version) {
        return evaluate("GetProductVersionHistory", new TypeReference<>() {}, productId, version);
    }

    // ------------------------------------------------------------------ trades

    public CompletableFuture<Committed<Trade>> recordTrade(TradeRequest trade) {
        return submit("RecordTrade", trade, Trade.class, () -> {
            Trade t = trade(trade.tradeId());
            return committedAs(t, t.txId());
        });
    }

    /**
     * Records many orders' trades with their certificates in one transaction (at most
     * {@link org.dataexchange.ledger.trade.SettlementBatch#MAX_SETTLEMENTS}). Each settlement is settled or refused on
     * its own, as its outcome says; resubmitting a batch after a failure settles every trade exactly once.
     */
    public CompletableFuture<Committed<org.dataexchange.ledger.trade.SettlementBatchResult>> settleTrades(
            List<org.dataexchange.ledger.trade.Settlement> settlements) {
        return submit("SettleTrades", new org.dataexchange.ledger.trade.SettlementBatch(settlements),
                org.dataexchange.ledger.trade.SettlementBatchResult.class, () -> {
                    throw new IllegalStateException("SettleTrades answers repeats per settlement, never ALREADY_RECORDED");
                });
    }

    /** The block a transaction was committed in, or -1 when the ledger does not know it. */
    public long blockOf(String transactionId) {
        return transaction(transactionId).map(LedgerTransaction::blockNumber).orElse(-1L);
    }

    public Trade trade(String tradeId) {
        return evaluate("GetTrade", Trade.class, tradeId);
    }

    public List<SplitLineRecord> splitLines(String tradeId) {
        return evaluate("GetSplitLines", new TypeReference<>() {}, tradeId);
    }

    public List<HistoryEntry<Trade>> tradeHistory(String tradeId) {
        return evaluate("GetTradeHistory", new TypeReference<>() {}, tradeId);
    }

    public Page<Trade> tradesByProduct(String productId, int pageSize, String bookmark) {
        return evaluate("QueryTradesByProduct", new TypeReference<>() {}, productId, Integer.toString(pageSize),
                bookmark == null ? "" : bookmark);
    }

    public Page<Trade> tradesByParty(String partyId, int pageSize, String bookmark) {
        return evaluate("QueryTradesByParty", new TypeReference<>() {}, partyId, Integer.toString(pageSize),
                bookmark == null ? "" : bookmark);
    }

    /** Trades recorded in [from, to), oldest first. */
    public Page<Trade> tradesByTime(java.time.Instant from, java.time.Instant to, int pageSize, String bookmark) {
        return evaluate("QueryTradesByTime", new TypeReference<>() {}, from.toString(), to.toString(),
                Integer.toString(pageSize), bookmark == null ? "" : bookmark);
    }

    // ------------------------------------------------------------------ licences and deliveries

    public CompletableFuture<Committed<IssuedCertificate>> issueCertificate(LicenceCertificate certificate) {
        return submit("IssueCertificate", certificate, IssuedCertificate.class, () -> {
            IssuedCertificate issued = certificate(certificate.certificateId()).issued();
            return committedAs(issued, issued.txId());
        });
    }

    public CompletableFuture<Committed<Revocation>> revokeLicence(RevocationRequest revocation) {
        return submit("RevokeLicence", revocation, Revocation.class, () -> {
            Revocation r = certificate(revocation.certificateId()).revocation();
            return committedAs(r, r.txId());
        });
    }

    public CertificateStatus certificate(String certificateId) {
        return evaluate("GetCertificate", CertificateStatus.class, certificateId);
    }

    public List<HistoryEntry<IssuedCertificate>> certificateHistory(String certificateId) {
        return evaluate("GetCertificateHistory", new TypeReference<>() {}, certificateId);
    }

    /** Whether a presented certificate is on the ledger, unaltered, unrevoked and in term now. */
    public CertificateVerification verifyCertificate(LicenceCertificate presented) {
        return evaluate("VerifyCertificate", CertificateVerification.class, CanonicalJson.write(presented));
    }

    public CompletableFuture<Committed<DeliveryReceipt>> recordDelivery(DeliveryRequest delivery) {
        return submit("RecordDelivery", delivery, DeliveryReceipt.class, () -> {
            DeliveryReceipt r = delivery(delivery.receiptId());
            return committedAs(r, r.txId());
        });
    }

    public DeliveryReceipt delivery(String receiptId) {
        return evaluate("GetDelivery", DeliveryReceipt.class, receiptId);
    }

    public List<DeliveryReceipt> deliveriesByTrade(String tradeId) {
        return evaluate("QueryDeliveriesByTrade", new TypeReference<>() {}, tradeId);
    }

    // ------------------------------------------------------------------ disputes

    /**
     * Records the outcome of a complaint about a trade with its refund lines. A repeat of the identical outcome
     * completes with the recorded one ({@link Committed#alreadyRecorded()}); a refund above what is left is refused
     * with {@link ContractRefusedException.RefundExceedsTrade}.
     */
    public CompletableFuture<Committed<org.dataexchange.ledger.dispute.DisputeOutcome>> recordDisputeOutcome(
            org.dataexchange.ledger.dispute.DisputeOutcomeRequest outcome) {
        return submit("RecordDisputeOutcome", outcome, org.dataexchange.ledger.dispute.DisputeOutcome.class, () -> {
            org.dataexchange.ledger.dispute.DisputeOutcome o = disputeOutcome(outcome.outcomeId());
            return committedAs(o, o.txId());
        });
    }

    public org.dataexchange.ledger.dispute.DisputeOutcome disputeOutcome(String outcomeId) {
        return evaluate("GetDisputeOutcome", org.dataexchange.ledger.dispute.DisputeOutcome.class, outcomeId);
    }

    public List<org.dataexchange.ledger.dispute.DisputeOutcome> disputeOutcomesByTrade(String tradeId) {
        return evaluate("QueryDisputeOutcomesByTrade", new TypeReference<>() {}, tradeId);
    }

    /** All dispute outcomes, a page at a time, in outcome-id order. */
    public Page<org.dataexchange.ledger.dispute.DisputeOutcome> disputeOutcomes(int pageSize, String bookmark) {
        return evaluate("QueryDisputeOutcomes", new TypeReference<>() {}, Integer.toString(pageSize),
                bookmark == null ? "" : bookmark);
    }

    // ------------------------------------------------------------------ off-venue deals (contract offvenue)

    /**
     * Records an off-venue deal the operator verified, in the chaincode's {@code offvenue} contract. A repeat of the
     * identical deal completes with the recorded one ({@link Committed#alreadyRecorded()}).
     */
    public CompletableFuture<Committed<org.dataexchange.ledger.offvenue.OffVenueDeal>> recordOffVenueDeal(
            org.dataexchange.ledger.offvenue.OffVenueDealRequest deal) {
        return submit("offvenue:RecordOffVenueDeal", deal, org.dataexchange.ledger.offvenue.OffVenueDeal.class, () -> {
            org.dataexchange.ledger.offvenue.OffVenueDeal d = offVenueDeal(deal.dealId());
            return committedAs(d, d.txId());
        });
    }

    public org.dataexchange.ledger.offvenue.OffVenueDeal offVenueDeal(String dealId) {
        return evaluate("offvenue:GetOffVenueDeal", org.dataexchange.ledger.offvenue.OffVenueDeal.class, dealId);
    }

    /** All off-venue deals, a page at a time, in deal-id order. */
    public Page<org.dataexchange.ledger.offvenue.OffVenueDeal> offVenueDeals(int pageSize, String bookmark) {
        return evaluate("offvenue:QueryOffVenueDeals", new TypeReference<>() {}, Integer.toString(pageSize),
                bookmark == null ? "" : bookmark);
    }

    /** The off-venue deals a party made as merchant or buyer. */
    public List<org.dataexchange.ledger.offvenue.OffVenueDeal> offVenueDealsByParty(String partyId) {
        return evaluate("offvenue:QueryOffVenueDealsByParty", new TypeReference<>() {}, partyId);
    }

    // ------------------------------------------------------------------ supervision

    /**
     * Records a supervision action against a merchant. A repeat of the identical action completes with the recorded
     * one ({@link Committed#alreadyRecorded()}); another action under the same id is refused as
     * {@link ContractRefusedException.IdConflict}.
     */
    public CompletableFuture<Committed<org.dataexchange.ledger.supervision.SupervisionAction>> recordSupervisionAction(
            org.dataexchange.ledger.supervision.SupervisionActionRequest action) {
        return submit("RecordSupervisionAction", action, org.dataexchange.ledger.supervision.SupervisionAction.class, () -> {
            org.dataexchange.ledger.supervision.SupervisionAction a = supervisionAction(action.actionId());
            return committedAs(a, a.txId());
        });
    }

    public org.dataexchange.ledger.supervision.SupervisionAction supervisionAction(String actionId) {
        return evaluate("GetSupervisionAction", org.dataexchange.ledger.supervision.SupervisionAction.class, actionId);
    }

    public List<org.dataexchange.ledger.supervision.SupervisionAction> supervisionActionsByParty(String partyId) {
        return evaluate("QuerySupervisionActionsByParty", new TypeReference<>() {}, partyId);
    }

    /** All supervision actions, a page at a time, in action-id order. */
    public Page<org.dataexchange.ledger.supervision.SupervisionAction> supervisionActions(int pageSize, String bookmark) {
        return evaluate("QuerySupervisionActions", new TypeReference<>() {}, Integer.toString(pageSize),
                bookmark == null ? "" : bookmark);
    }

    // ------------------------------------------------------------------ blocks (the regulator's explorer)

    public ChainInfo chainInfo() {
        BlockchainInfo info = parseBlockProto(() -> BlockchainInfo.parseFrom(query(qscc, "GetChainInfo")));
        return new ChainInfo(info.getHeight(), BlockReader.hex(info.getCurrentBlockHash().toByteArray()),
                BlockReader.hex(info.getPreviousBlockHash().toByteArray()));
    }

    public LedgerBlock block(long number) {
        return BlockReader.read(rawBlock(number));
    }

    /** The transaction with its block, or empty if no block holds it. */
    public Optional<LedgerTransaction> transaction(String transactionId) {
        Block block;
        try {
            block = parseBlockProto(() -> Block.parseFrom(query(qscc, "GetBlockByTxID", transactionId)));
        } catch (ContractRefusedException | EndorsementFailedException e) {
            return Optional.empty();
        }
        return BlockReader.read(block).transactions().stream()
                .filter(t -> t.transactionId().equals(transactionId))
                .findFirst();
    }

    /** Verifies the hash chain over blocks [from, to], including the link of {@code from} to the block before it. */
    public ChainVerification verifyChain(long from, long to) {
        long height = chainInfo().height();
        if (from < 0 || to < from || to >= height) {
            throw new IllegalArgumentException("blocks " + from + ".." + to + " are not on a chain of height " + height);
        }
        Block before = from == 0 ? null : rawBlock(from - 1);
        List<Block> blocks = new ArrayList<>();
        for (long n = from; n <= to; n++) {
            blocks.add(rawBlock(n));
        }
        return BlockReader.verify(before, blocks);
    }

    private Block rawBlock(long number) {
        return parseBlockProto(() -> Block.parseFrom(query(qscc, "GetBlockByNumber", Long.toString(number))));
    }

    // ------------------------------------------------------------------ events

    /**
     * Delivers the contract's events to {@code handler} through {@code checkpointer}, from {@code startBlock} or
     * from the checkpoint if it has one, on a background thread; a broken stream is reopened from the
     * checkpoint after a backoff, and a handler that throws gets the same event again after a backoff.
     */
    public EventSubscription subscribe(long startBlock, EventCheckpointer checkpointer, Consumer<LedgerEvent> handler) {
        EventConsumer consumer = new EventConsumer(startBlock, checkpointer, handler);
        Thread.ofVirtual().name("ledger-events").start(consumer);
        return consumer;
    }

    private final class EventConsumer implements EventSubscription, Runnable {
        private final long startBlock;
        private final EventCheckpointer checkpointer;
        private final Consumer<LedgerEvent> handler;
        private final AtomicLong reconnects = new AtomicLong();
        private volatile boolean closed;
        private volatile CloseableIterator<ChaincodeEvent> current;

        EventConsumer(long startBlock, EventCheckpointer checkpointer, Consumer<LedgerEvent> handler) {
            this.startBlock = startBlock;
            this.checkpointer = checkpointer;
            this.handler = handler;
        }

        @Override
        public void run() {
            Duration backoff = options.retry().initialBackoff();
            while (!closed) {
                ChaincodeEventsRequest.Builder request = network.newChaincodeEventsRequest(options.chaincode());
                Optional<EventCheckpointer.Position> position = checkpointer.position();
                if (position.isPresent()) {
                    request.checkpoint(checkpoint(position.get()));
                } else {
                    request.startBlock(startBlock);
                }
                try (CloseableIterator<ChaincodeEvent> events = request.build().getEvents()) {
                    current = events;
                    while (!closed && events.hasNext()) {
                        ChaincodeEvent e = events.next();
                        checkpointer.process(new LedgerEvent(e.getBlockNumber(), e.getTransactionId(), e.getEventName(),
                                new String(e.getPayload(), StandardCharsets.UTF_8)), handler);
                        backoff = options.retry().initialBackoff();
                    }
                } catch (RuntimeException e) { // GatewayRuntimeException when the stream breaks; handler failures too
                    if (closed) {
                        break;
                    }
                    reconnects.incrementAndGet();
                    LOG.log(System.Logger.Level.WARNING, "ledger event stream broke, resuming from the checkpoint in "
                            + backoff.toMillis() + " ms: " + e.getMessage());
                    sleep(jitter(backoff));
                    backoff = min(backoff.multipliedBy(2), options.retry().maxBackoff());
                }
            }
        }

        @Override
        public long reconnects() {
            return reconnects.get();
        }

        @Override
        public void close() {
            closed = true;
            CloseableIterator<ChaincodeEvent> events = current;
            if (events != null) {
                events.close();
            }
        }
    }

    private static Checkpoint checkpoint(EventCheckpointer.Position position) {
        return new Checkpoint() {
            @Override
            public OptionalLong getBlockNumber() {
                return OptionalLong.of(position.blockNumber());
            }

            @Override
            public Optional<String> getTransactionId() {
                return Optional.ofNullable(position.transactionId());
            }
        };
    }

    // ------------------------------------------------------------------ plumbing

    private <T> CompletableFuture<Committed<T>> submit(String function, Object argument, Class<T> type,
                                                       Supplier<Committed<T>> alreadyOnLedger) {
        String json = CanonicalJson.write(argument);
        return CompletableFuture.supplyAsync(() -> submitWithRetry(function, json, type, alreadyOnLedger), executor);
    }

    private <T> Committed<T> submitWithRetry(String function, String json, Class<T> type, Supplier<Committed<T>> alreadyOnLedger) {
        ClientOptions.RetryPolicy retry = options.retry();
        Duration backoff = retry.initialBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                return submitOnce(function, json, type);
            } catch (ContractRefusedException.AlreadyRecorded done) {
                Committed<T> existing = alreadyOnLedger.get();
                return new Committed<>(existing.record(), existing.transactionId(), existing.blockNumber(), true);
            } catch (CommitFailedException e) {
                if (!e.isReadConflict() || attempt >= retry.maxAttempts()) {
                    throw e;
                }
                readConflictRetries.incrementAndGet();
                sleep(jitter(backoff));
                backoff = min(backoff.multipliedBy(2), retry.maxBackoff());
            }
        }
    }

    private <T> Committed<T> submitOnce(String function, String json, Class<T> type) {
        String txId = null;
        try {
            var tx = contract.newProposal(function).addArguments(json).build().endorse();
            txId = tx.getTransactionId();
            SubmittedTransaction submitted = tx.submitAsync();
            var status = submitted.getStatus();
            if (!status.isSuccessful()) {
                throw new CommitFailedException(txId, status.getCode(), status.getBlockNumber());
            }
            T record = CanonicalJson.readStored(submitted.getResult(), type);
            return new Committed<>(record, txId, status.getBlockNumber(), false);
        } catch (GatewayException e) {
            throw translate(e, txId);
        }
    }

    private <T> T evaluate(String function, Class<T> type, String... args) {
        return CanonicalJson.readStored(query(contract, function, args), type);
    }

    private <T> T evaluate(String function, TypeReference<T> type, String... args) {
        return CanonicalJson.readStored(query(contract, function, args), type);
    }

    private byte[] query(Contract target, String function, String... args) {
        List<String> all = new ArrayList<>();
        if (target == qscc) {
            all.add(options.channel());
        }
        all.addAll(List.of(args));
        try {
            return target.evaluateTransaction(function, all.toArray(String[]::new));
        } catch (GatewayException e) {
            throw translate(e, null);
        }
    }

    private <T> Committed<T> committedAs(T record, String txId) {
        long block = transaction(txId).map(LedgerTransaction::blockNumber).orElse(-1L);
        return new Committed<>(record, txId, block, true);
    }

    /** Maps an SDK failure to what the caller can act on. */
    static LedgerException translate(GatewayException e, String txId) {
        Status.Code code = e.getStatus().getCode();
        List<ErrorDetail> details = e.getDetails();
        for (ErrorDetail detail : details) {
            ContractRefusedException refusal = refusal(detail.getMessage(), txId);
            if (refusal != null) {
                return refusal;
            }
        }
        ContractRefusedException inMessage = refusal(String.valueOf(e.getStatus().getDescription()), txId);
        if (inMessage != null) {
            return inMessage;
        }
        if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED || code == Status.Code.CANCELLED) {
            return new LedgerUnavailableException("the ledger is unreachable or did not answer in time: "
                    + e.getStatus(), txId, code, e);
        }
        return new EndorsementFailedException("the network refused the transaction: " + e.getStatus().getCode() + " "
                + e.getStatus().getDescription(), txId, details, e);
    }

    /** "chaincode response 500, SPLIT_SUM_MISMATCH: ..." → the typed refusal, or null if not a contract refusal. */
    private static ContractRefusedException refusal(String message, String txId) {
        if (message == null) {
            return null;
        }
        int start = message.indexOf("chaincode response ");
        if (start < 0) {
            return null;
        }
        int comma = message.indexOf(", ", start);
        if (comma < 0) {
            return null;
        }
        String text = message.substring(comma + 2);
        int colon = text.indexOf(':');
        if (colon < 0) {
            return null;
        }
        try {
            ErrorCode code = ErrorCode.valueOf(text.substring(0, colon));
            return ContractRefusedException.of(code, text, txId);
        } catch (IllegalArgumentException notACode) {
            return null;
        }
    }

    private interface ProtoParse<T> {
        T parse() throws com.google.protobuf.InvalidProtocolBufferException;
    }

    private static <T> T parseBlockProto(ProtoParse<T> parse) {
        try {
            return parse.parse();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("the peer answered bytes that are not the expected Fabric message", e);
        }
    }

    private static Duration jitter(Duration d) {
        long ms = Math.max(1, d.toMillis());
        return Duration.ofMillis(ms / 2 + ThreadLocalRandom.current().nextLong(ms / 2 + 1));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    /** Closes the gateway (its streams and calls); the gRPC channel stays the caller's to shut down. */
    @Override
    public void close() {
        executor.shutdown();
        gateway.close();
    }
}

package org.dataexchange.settlementclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.dataexchange.ledger.ErrorCode;
import org.dataexchange.devnet.Devnet;
import org.dataexchange.ledger.delivery.DeliveryMode;
import org.dataexchange.ledger.delivery.DeliveryReceipt;
import org.dataexchange.ledger.delivery.DeliveryRequest;
import org.dataexchange.ledger.licence.CertificateVerification;
import org.dataexchange.ledger.licence.IssuedCertificate;
import org.dataexchange.ledger.licence.LicenceCertificate;
import org.dataexchange.ledger.licence.RevocationRequest;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.ListingStatus;
import org.dataexchange.ledger.product.ListingStatusChange;
import org.dataexchange.ledger.product.ProductRegistration;
import org.dataexchange.ledger.product.ProductVersion;
import org.dataexchange.ledger.state.Page;
import org.dataexchange.ledger.support.Fixtures;
import org.dataexchange.ledger.trade.SplitLine;
import org.dataexchange.ledger.trade.SplitRole;
import org.dataexchange.ledger.trade.Trade;
import org.dataexchange.ledger.trade.TradeRequest;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed client against an in-process devnet: every transaction and query, and what failures look like. */
class SettlementClientTest {

    @TempDir
    Path data;

    private final LedgerAccess access = new LedgerAccess();
    private Devnet devnet;
    private SettlementClient operator;
    private SettlementClient regulator;
    private final ProductRegistration product = Fixtures.product("bus-gtfs", ClassificationLevel.GENERAL);

    @BeforeEach
    void connect() throws Exception {
        devnet = Devnet.start(LedgerAccess.settlementDevnet(data));
        operator = access.inProcess(devnet, devnet.operatorMspId(), ClientOptions.defaults());
        regulator = access.inProcess(devnet, devnet.regulatorMspId(), ClientOptions.defaults());
    }

    @AfterEach
    void close() throws Exception {
        regulator.close();
        operator.close();
        access.close();
        devnet.close();
    }

    @Test
    void everyTransactionAndQueryRoundTrips() throws Exception {
        Committed<ProductVersion> registered = operator.registerProductVersion(product).get(30, TimeUnit.SECONDS);
        assertThat(registered.record().status()).isEqualTo(ListingStatus.LISTED);
        assertThat(registered.transactionId()).hasSize(64);
        assertThat(registered.blockNumber()).isPositive();
        assertThat(registered.alreadyRecorded()).isFalse();

        operator.updateListingStatus(new ListingStatusChange("bus-gtfs", "1", ListingStatus.SUSPENDED, "约谈")).get();
        Committed<ProductVersion> relisted = operator.updateListingStatus(
                new ListingStatusChange("bus-gtfs", "1", ListingStatus.LISTED, "整改完成")).get();
        assertThat(relisted.record().statusReason()).isEqualTo("整改完成");
        assertThat(regulator.product("bus-gtfs").versions()).hasSize(1);
        assertThat(regulator.productVersion("bus-gtfs", "1").status()).isEqualTo(ListingStatus.LISTED);
        assertThat(regulator.productVersionHistory("bus-gtfs", "1")).hasSize(3);

        TradeRequest tradeRequest = Fixtures.trade("T-1", product);
        Committed<Trade> trade = operator.recordTrade(tradeRequest).get();
        assertThat(trade.record().request()).isEqualTo(tradeRequest);
        assertThat(trade.record().txId()).isEqualTo(trade.transactionId());
        assertThat(regulator.trade("T-1")).isEqualTo(trade.record());
        assertThat(regulator.splitLines("T-1")).extracting(l -> l.amount()).containsExactly(700_000L, 200_000L, 100_000L);
        assertThat(regulator.tradeHistory("T-1")).hasSize(1);
        assertThat(regulator.tradesByProduct("bus-gtfs", 10, "").records()).containsExactly(trade.record());
        Page<Trade> byParty = regulator.tradesByParty(Fixtures.CONTRIBUTOR, 10, null);
        assertThat(byParty.records()).hasSize(1);
        assertThat(byParty.bookmark()).isEmpty();
        assertThat(regulator.tradesByTime(trade.record().recordedAt(), trade.record().recordedAt().plusMillis(1), 10, "")
                .records()).hasSize(1);

        Instant now = Instant.now();
        LicenceCertificate cert = Fixtures.certificate("C-1", tradeRequest, now.minusSeconds(60), now.plus(Duration.ofDays(30)));
        Committed<IssuedCertificate> issued = operator.issueCertificate(cert).get();
        assertThat(issued.record().certificate()).isEqualTo(cert);
        assertThat(regulator.certificate("C-1").revocation()).isNull();
        assertThat(regulator.certificateHistory("C-1")).hasSize(1);
        assertThat(regulator.verifyCertificate(cert).valid()).isTrue();

        DeliveryRequest delivery = new DeliveryRequest("R-1", "C-1", DeliveryMode.FILE_DOWNLOAD, product.contentDigest(), "CN-GD", 1);
        Committed<DeliveryReceipt> receipt = operator.recordDelivery(delivery).get();
        assertThat(receipt.record().tradeId()).isEqualTo("T-1");
        assertThat(regulator.delivery("R-1")).isEqualTo(receipt.record());
        assertThat(regulator.deliveriesByTrade("T-1")).containsExactly(receipt.record());

        operator.revokeLicence(new RevocationRequest("C-1", "arbitration ARB-1", "operator")).get();
        CertificateVerification revoked = regulator.verifyCertificate(cert);
        assertThat(revoked.valid()).isFalse();
        assertThat(revoked.revoked()).isTrue();

        var refund = new org.dataexchange.ledger.dispute.DisputeOutcomeRequest("D-1", "T-1", "complaint-1",
                org.dataexchange.ledger.dispute.DisputeDecision.PARTIAL_REFUND, 800, "CNY",
                List.of(new SplitLine(tradeRequest.splitLines().get(0).party(), tradeRequest.splitLines().get(0).role(), 800)),
                Fixtures.sha256("refund note"), "operator");
        var outcome = operator.recordDisputeOutcome(refund).get();
        assertThat(outcome.record().request()).isEqualTo(refund);
        assertThat(outcome.alreadyRecorded()).isFalse();
        assertThat(operator.recordDisputeOutcome(refund).get().alreadyRecorded()).isTrue();
        assertThat(regulator.disputeOutcome("D-1")).isEqualTo(outcome.record());
        assertThat(regulator.disputeOutcomesByTrade("T-1")).containsExactly(outcome.record());
        assertThat(regulator.disputeOutcomes(10, "").records()).containsExactly(outcome.record());
        assertThat(regulator.transaction(outcome.transactionId()).orElseThrow().eventName()).isEqualTo("DisputeOutcomeRecorded");
        var tooMuch = new org.dataexchange.ledger.dispute.DisputeOutcomeRequest("D-2", "T-1", "complaint-2",
                org.dataexchange.ledger.dispute.DisputeDecision.PARTIAL_REFUND, 699_201, "CNY",
                List.of(new SplitLine(tradeRequest.splitLines().get(0).party(), tradeRequest.splitLines().get(0).role(), 699_201)),
                Fixtures.sha256("refund note"), "operator");
        assertThatThrownBy(() -> operator.recordDisputeOutcome(tooMuch).join())
                .hasCauseInstanceOf(ContractRefusedException.RefundExceedsTrade.class);

        var talk = new org.dataexchange.ledger.supervision.SupervisionActionRequest("S-1", tradeRequest.sellerId(),
                org.dataexchange.ledger.supervision.SupervisionMeasure.WARNING_TALK, null, "late deliveries", "operator");
        var recordedTalk = operator.recordSupervisionAction(talk).get();
        assertThat(recordedTalk.record().request()).isEqualTo(talk);
        assertThat(operator.recordSupervisionAction(talk).get().alreadyRecorded()).isTrue();
        assertThat(regulator.supervisionAction("S-1")).isEqualTo(recordedTalk.record());
        assertThat(regulator.supervisionActionsByParty(tradeRequest.sellerId())).containsExactly(recordedTalk.record());
        assertThat(regulator.supervisionActions(10, "").records()).containsExactly(recordedTalk.record());
        assertThatThrownBy(() -> operator.recordSupervisionAction(new org.dataexchange.ledger.supervision.SupervisionActionRequest(
                "S-1", tradeRequest.sellerId(), org.dataexchange.ledger.supervision.SupervisionMeasure.SUSPENSION, null,
                "late deliveries", "operator")).join()).hasCauseInstanceOf(ContractRefusedException.IdConflict.class);

        LedgerTransaction tx = regulator.transaction(trade.transactionId()).orElseThrow();
        assertThat(tx.function()).isEqualTo("RecordTrade");
        assertThat(tx.blockNumber()).isEqualTo(trade.blockNumber());
        assertThat(tx.creatorMspId()).isEqualTo("OperatorMSP");
        assertThat(tx.eventName()).isEqualTo("TradeSettled");
        assertThat(tx.validationCode().name()).isEqualTo("VALID");
        LedgerBlock block = regulator.block(trade.blockNumber());
        assertThat(block.transactions()).extracting(LedgerTransaction::transactionId).contains(trade.transactionId());
        ChainInfo info = regulator.chainInfo();
        assertThat(info.height()).isGreaterThan(trade.blockNumber());
        assertThat(regulator.block(info.height() - 1).headerHash()).isEqualTo(info.currentBlockHash());
        assertThat(regulator.block(0).transactions().get(0).function()).isEqualTo("CONFIG");
        assertThat(regulator.transaction("no-such-tx")).isEmpty();
    }

    @Test
    void aBatchSettlesTradesWithCertificatesInOneTransactionAndARetrySettlesNothingTwice() throws Exception {
        operator.registerProductVersion(product).get();
        Instant now = Instant.now();
        List<org.dataexchange.ledger.trade.Settlement> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            TradeRequest t = Fixtures.trade("B-" + i, product);
            batch.add(new org.dataexchange.ledger.trade.Settlement(t,
                    Fixtures.certificate("C-B-" + i, t, now.minusSeconds(60), now.plus(Duration.ofDays(30)))));
        }
        TradeRequest wrongSeller = Fixtures.withSplit(Fixtures.trade("B-bad", product), 8_800L, List.of(new SplitLine("someone-else", SplitRole.MERCHANT, 8_800L)));
        TradeRequest misnamed = new TradeRequest("B-bad", "B-bad", wrongSeller.productId(), wrongSeller.version(),
                wrongSeller.contentDigest(), wrongSeller.agreementHash(), wrongSeller.buyerId(), "someone-else", wrongSeller.amount(),
                wrongSeller.currency(), wrongSeller.splitLines(), wrongSeller.buyerLocation(), wrongSeller.deliveryLocation(), null);
        batch.add(new org.dataexchange.ledger.trade.Settlement(misnamed, Fixtures.certificate("C-B-bad", misnamed, now, null)));

        var settled = operator.settleTrades(batch).get(30, TimeUnit.SECONDS);
        var outcomes = settled.record().outcomes();
        assertThat(outcomes).hasSize(51);
        assertThat(outcomes.subList(0, 50)).allSatisfy(o -> {
            assertThat(o.result()).isEqualTo(org.dataexchange.ledger.trade.SettlementOutcome.Result.SETTLED);
            assertThat(o.tradeTxId()).isEqualTo(settled.transactionId());
        });
        assertThat(outcomes.get(50).refusal()).isEqualTo(ErrorCode.MERCHANT_MISMATCH);
        assertThat(operator.blockOf(settled.transactionId())).isEqualTo(settled.blockNumber());
        assertThat(regulator.transaction(settled.transactionId()).orElseThrow().eventName()).isEqualTo("TradesSettled");
        assertThat(regulator.trade("B-17").txId()).isEqualTo(settled.transactionId());
        assertThat(regulator.verifyCertificate(batch.get(17).certificate()).valid()).isTrue();

        var again = operator.settleTrades(batch.subList(0, 50)).get(30, TimeUnit.SECONDS);
        assertThat(again.record().outcomes()).allSatisfy(o -> {
            assertThat(o.result()).isEqualTo(org.dataexchange.ledger.trade.SettlementOutcome.Result.ALREADY_SETTLED);
            assertThat(o.tradeTxId()).isEqualTo(settled.transactionId());
        });
        assertThat(regulator.tradesByProduct("bus-gtfs", 100, "").records()).hasSize(50);
    }

    @Test
    void theIdenticalRecordAgainCountsAsSuccessWithTheOriginalTransaction() throws Exception {
        operator.registerProductVersion(product).get();
        Committed<Trade> first = operator.recordTrade(Fixtures.trade("T-1", product)).get();
        Committed<Trade> again = operator.recordTrade(Fixtures.trade("T-1", product)).get();
        assertThat(again.alreadyRecorded()).isTrue();
        assertThat(again.transactionId()).isEqualTo(first.transactionId());
        assertThat(again.blockNumber()).isEqualTo(first.blockNumber());
        assertThat(again.record()).isEqualTo(first.record());
        assertThat(operator.registerProductVersion(product).get().alreadyRecorded()).isTrue();
    }

    @Test
    void contractRefusalsArriveAsTypedExceptions() throws Exception {
        operator.registerProductVersion(product).get();
        TradeRequest unbalanced = Fixtures.withSplit(Fixtures.trade("T-2", product), 100L, List.of(new SplitLine(Fixtures.MERCHANT, SplitRole.MERCHANT, 99L)));
        assertThatThrownBy(() -> join(operator.recordTrade(unbalanced)))
                .isInstanceOf(ContractRefusedException.SplitSumMismatch.class)
                .satisfies(e -> assertThat(((ContractRefusedException) e).code()).isEqualTo(ErrorCode.SPLIT_SUM_MISMATCH))
                .hasMessageContaining("sum to 99");
        TradeRequest conflicting = Fixtures.trade("T-3", product);
        operator.recordTrade(conflicting).get();
        TradeRequest sameIdOtherTrade = Fixtures.withSplit(Fixtures.trade("T-3", product), 1L, List.of(new SplitLine(Fixtures.MERCHANT, SplitRole.MERCHANT, 1L)));
        assertThatThrownBy(() -> join(operator.recordTrade(sameIdOtherTrade))).isInstanceOf(ContractRefusedException.IdConflict.class);
        assertThatThrownBy(() -> join(regulator.recordTrade(Fixtures.trade("T-4", product))))
                .isInstanceOf(ContractRefusedException.AccessDenied.class);
        assertThatThrownBy(() -> regulator.trade("nope")).isInstanceOf(ContractRefusedException.NotFound.class);
        assertThatThrownBy(() -> regulator.tradesByProduct("bus-gtfs", 0, "")).isInstanceOf(ContractRefusedException.InvalidArgument.class);
    }

    @Test
    void chainVerificationPassesUntouchedAndNamesTheFirstBadBlockOfATamperedCopy() throws Exception {
        operator.registerProductVersion(product).get();
        for (int i = 0; i < 4; i++) {
            operator.recordTrade(Fixtures.trade("T-" + i, product)).get();
        }
        long last = regulator.chainInfo().height() - 1;
        ChainVerification ok = regulator.verifyChain(0, last);
        assertThat(ok.valid()).isTrue();
        assertThat(ok.firstBadBlock()).isNull();
        assertThat(regulator.verifyChain(2, last).valid()).isTrue();

        List<Block> copy = new ArrayList<>();
        for (long n = 0; n <= last; n++) {
            copy.add(regulator.block(n).raw());
        }
        assertThat(BlockReader.verify(null, copy).valid()).isTrue();
        Block altered = copy.get(3).toBuilder().setData(copy.get(3).getData().toBuilder()
                .setData(0, ByteString.copyFromUtf8("forged transaction"))).build();
        copy.set(3, altered);
        ChainVerification tampered = BlockReader.verify(null, copy);
        assertThat(tampered.valid()).isFalse();
        assertThat(tampered.firstBadBlock()).isEqualTo(3);
        assertThat(tampered.problem()).contains("data hash");

        List<Block> rehashed = new ArrayList<>(copy);
        rehashed.set(3, altered.toBuilder().setHeader(altered.getHeader().toBuilder().setDataHash(ByteString.copyFrom(
                org.dataexchange.devnet.blocks.BlockHashing.dataHash(altered.getData())))).build());
        ChainVerification relinked = BlockReader.verify(null, rehashed);
        assertThat(relinked.firstBadBlock()).as("a consistent forgery breaks the next block's link").isEqualTo(4);
        assertThatThrownBy(() -> regulator.verifyChain(0, last + 5)).isInstanceOf(IllegalArgumentException.class);
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }
}

package org.dataexchange.marketplace.regulator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.SerdeImport;
import jakarta.inject.Named;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import org.dataexchange.ledger.product.ProductRegistration;
import org.dataexchange.ledger.state.Page;
import org.dataexchange.ledger.trade.Approvals;
import org.dataexchange.ledger.trade.SplitLine;
import org.dataexchange.ledger.trade.Trade;
import org.dataexchange.ledger.trade.TradeRequest;
import org.dataexchange.marketplace.audit.AuditLog;
import org.dataexchange.marketplace.audit.AuditSearch;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.settlementclient.ChainInfo;
import org.dataexchange.settlementclient.ChainVerification;
import org.dataexchange.settlementclient.LedgerTransaction;
import org.dataexchange.settlementclient.SettlementClient;

/**
 * The regulator's independent view: trades and blocks read from the ledger with the regulator organisation's
 * own identity (not the exchange's database), chain verification, and the audit log. Every request is itself
 * audited.
 */
@Controller("/api/regulator")
@Secured("REGULATOR")
@ExecuteOn(TaskExecutors.BLOCKING)
@SerdeImport(Trade.class)
@SerdeImport(TradeRequest.class)
@SerdeImport(SplitLine.class)
@SerdeImport(Approvals.class)
@SerdeImport(Page.class)
@SerdeImport(ChainInfo.class)
@SerdeImport(ChainVerification.class)
@SerdeImport(LedgerTransaction.class)
@SerdeImport(ProductRegistration.class)
@SerdeImport(org.dataexchange.ledger.licence.LicenceCertificate.class)
@SerdeImport(org.dataexchange.ledger.licence.VolumeCap.class)
@SerdeImport(org.dataexchange.ledger.dispute.DisputeOutcome.class)
@SerdeImport(org.dataexchange.ledger.dispute.DisputeOutcomeRequest.class)
class RegulatorController {

    /** A block as the explorer shows it (the raw protobuf stays out of the JSON). */
    @io.micronaut.serde.annotation.Serdeable
    public record BlockView(long number, String headerHash, String previousHash, String dataHash, List<LedgerTransaction> transactions) {}

    private final SettlementClient ledger;
    private final AuditLog audit;
    private final Reconciliation reconciliation;
    private final LedgerTrades trades;
    private final AuditSearch auditSearch;
    private final org.dataexchange.marketplace.catalogue.CatalogueService catalogue;
    private final org.dataexchange.marketplace.complaint.Complaints.Service complaints;
    private final org.dataexchange.marketplace.settlement.UnbookedTrades unbooked;

    public RegulatorController(@Named("regulator") SettlementClient ledger, AuditLog audit, Reconciliation reconciliation,
                               LedgerTrades trades, org.dataexchange.marketplace.catalogue.CatalogueService catalogue,
                               org.dataexchange.marketplace.complaint.Complaints.Service complaints,
                               org.dataexchange.marketplace.settlement.UnbookedTrades unbooked, AuditSearch auditSearch) {
        this.auditSearch = auditSearch;
        this.unbooked = unbooked;
        this.catalogue = catalogue;
        this.complaints = complaints;
        this.trades = trades;
        this.ledger = ledger;
        this.audit = audit;
        this.reconciliation = reconciliation;
    }

    /**
     * What needs the regulator's attention: gated trades, products to be refiled, complaints and their handling, refunds
     * recorded on the ledger, and
     * trades on the ledger the exchange's books did not settle (found by the books check: open ones first, each with
     * what was done about it).
     */
    @io.micronaut.serde.annotation.Serdeable
    public record Flags(List<Trade> gatedTrades, List<org.dataexchange.marketplace.catalogue.ProductSummary> refilingRequired,
                        List<org.dataexchange.marketplace.complaint.Complaints.Complaint> complaints,
                        List<org.dataexchange.ledger.dispute.DisputeOutcome> refunds,
                        List<org.dataexchange.marketplace.settlement.UnbookedTrades.UnbookedTrade> unbookedTrades) {}

    @Get("/flags")
    public Flags flags(Authentication auth) {
        audit.record(auth.getName(), "REGULATOR", "REGULATOR_QUERY", "flags", "flags");
        List<Trade> gated = trades.all(new LedgerTrades.Filter(null, null, null, null, null, null, null, null)).stream()
                .filter(t -> t.classificationLevel() != org.dataexchange.ledger.product.ClassificationLevel.GENERAL || t.crossBorder())
                .toList();
        return new Flags(gated, catalogue.refilingRequired(), complaints.all(), disputeOutcomes(null).stream()
                .filter(o -> o.request().refundAmount() > 0).toList(), unbooked.all());
    }

    /**
     * Complaint outcomes (dismissals, partial and full refunds with their refund lines) as the ledger holds them, read
     * with the regulator's identity; one trade's when {@code trade} is given.
     */
    @Get("/disputes")
    public List<org.dataexchange.ledger.dispute.DisputeOutcome> disputes(@Nullable @QueryValue String trade, Authentication auth) {
        audit.record(auth.getName(), "REGULATOR", "REGULATOR_QUERY", "disputes", trade == null ? "all" : "trade " + trade);
        return disputeOutcomes(trade);
    }

    private List<org.dataexchange.ledger.dispute.DisputeOutcome> disputeOutcomes(@Nullable String trade) {
        if (trade != null) {
            if (trade.isBlank() || trade.length() > 128) {
                throw ApiProblem.invalidField("trade", "a trade id of 1 to 128 characters");
            }
            return ledger.disputeOutcomesByTrade(trade);
        }
        List<org.dataexchange.ledger.dispute.DisputeOutcome> all = new java.util.ArrayList<>();
        String bookmark = "";
        do {
            Page<org.dataexchange.ledger.dispute.DisputeOutcome> page = ledger.disputeOutcomes(500, bookmark);
            all.addAll(page.records());
            bookmark = page.bookmark();
        } while (bookmark != null && !bookmark.isEmpty());
        return all;
    }

    /** The exchange's settled orders against the ledger's trades: every difference listed, with totals. */
    @Get("/reconciliation")
    public Reconciliation.Report reconcile(Authentication auth) {
        audit.record(auth.getName(), "REGULATOR", "REGULATOR_QUERY", "reconciliation", "books against ledger");
        return reconciliation.run();
    }

    /**
     * Trades on the ledger with the regulator's identity, filtered by time range, product, merchant, buyer,
     * industry, classification and cross-border flag, with the ledger's bookmark paging; CSV when asked for.
     */
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "a page of trades, or every matching trade as CSV", content = {
            @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = LedgerTrades.TradePage.class)),
            @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"))})
    @Get(value = "/trades", produces = {MediaType.APPLICATION_JSON, "text/csv"})
    public HttpResponse<?> trades(@Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                  @Nullable @QueryValue String product, @Nullable @QueryValue String merchant,
                                  @Nullable @QueryValue String buyer, @Nullable @QueryValue String industry,
                                  @Nullable @QueryValue String classification, @Nullable @QueryValue Boolean crossBorder,
                                  @QueryValue(defaultValue = "50") @Min(1) @Max(500) int size,
                                  @Nullable @QueryValue String bookmark, HttpRequest<?> request, Authentication auth) {
        LedgerTrades.Filter filter = filter(from, to, product, merchant, buyer, industry, classification, crossBorder);
        audit.record(auth.getName(), "REGULATOR", "REGULATOR_QUERY", "trades", String.valueOf(filter));
        if (wantsCsv(request)) {
            return HttpResponse.ok(LedgerTrades.csv(trades.withBlocks(trades.all(filter)))).contentType("text/csv; charset=utf-8");
        }
        return HttpResponse.ok(trades.withBlocks(trades.page(filter, size, bookmark)));
    }

    /**
     * Statistics for charts, from the ledger: per day (every day of a given range, days without trades as zero), industry,
     * classification, cross-border share, top merchants; narrowed by the trade filters; CSV when asked for.
     */
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "the statistics, or their buckets as CSV", content = {
            @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = LedgerTrades.Statistics.class)),
            @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"))})
    @Get(value = "/statistics", produces = {MediaType.APPLICATION_JSON, "text/csv"})
    public HttpResponse<?> statistics(@Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                      @Nullable @QueryValue String product, @Nullable @QueryValue String merchant,
                                      @Nullable @QueryValue String buyer, @Nullable @QueryValue String industry,
                                      @Nullable @QueryValue String classification, @Nullable @QueryValue Boolean crossBorder,
                                      HttpRequest<?> request, Authentication auth) {
        LedgerTrades.Filter filter = filter(from, to, product, merchant, buyer, industry, classification, crossBorder);
        audit.record(auth.getName(), "REGULATOR", "REGULATOR_QUERY", "statistics", String.valueOf(filter));
        LedgerTrades.Statistics stats = trades.statistics(filter);
        if (wantsCsv(request)) {
            return HttpResponse.ok(LedgerTrades.csv(stats)).contentType("text/csv; charset=utf-8");
        }
        return HttpResponse.ok(stats);
    }

    private static boolean wantsCsv(HttpRequest<?> request) {
        return request.getHeaders().accept().stream().anyMatch(t -> t.getName().equals("text/csv"));
    }

    private static LedgerTrades.Filter filter(String from, String to, String product, String merchant, String buyer,
                                              String industry, String classification, Boolean crossBorder) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !end.isAfter(start)) {
            throw ApiProblem.invalidField("to", "the range [from, to) is empty: to (" + end + ") must be after from (" + start + ")");
        }
        return new LedgerTrades.Filter(start, end, blankToNull(product), blankToNull(merchant), blankToNull(buyer),
                blankToNull(industry), blankToNull(classification), crossBorder);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiProblem.invalidField(name, "use ISO-8601 instants such as 2026-11-01T00:00:00Z");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** A licence certificate as the ledger holds it, verified there with the regulator's identity. */
    @io.micronaut.serde.annotation.Serdeable
    public record CertificateCheck(org.dataexchange.ledger.licence.LicenceCertificate certificate,
                                   org.dataexchange.ledger.licence.CertificateVerification verification) {}

    @Get("/certificates/{id}")
    public CertificateCheck certificate(@PathVariable String id, Authentication auth) {
        audit.record(auth.getName(), "REGULATOR", "REGULATOR_QUERY", "certificate:" + id, "verify");
        // NOT_FOUND on the ledger is a 404 like every ledger refusal (problem.FailureProblems).
        org.dataexchange.ledger.licence.CertificateStatus status = ledger.certificate(id);
        var cert = status.issued().certificate();
        return new CertificateCheck(cert, ledger.verifyCertificate(cert));
    }

    @Get("/blocks")
    public ChainInfo chain(Authentication auth) {
        audit.record(auth.getName(), "REGULATOR", "REGULATOR_QUERY", "chain", "chain info");
        return ledger.chainInfo();
    }

    /** A block in the explorer's list: its hashes and how many of its transactions the peer found valid. */
    @io.micronaut.serde.annotation.Serdeable
    public record BlockSummary(long number, String headerHash, String previousHash, String dataHash, int transactions,
                               int validTransactions, @Nullable Instant firstTransactionAt, List<String> functions) {}

    /** A page of blocks, newest first: the chain's height and up to {@code size} blocks below {@code before}. */
    @io.micronaut.serde.annotation.Serdeable
    public record BlockPage(long height, List<BlockSummary> blocks, @Nullable Long nextBefore) {}

    /** Blocks newest first (below {@code before}, default the chain's top), each summarised; a block's detail is /blocks/{number}. */
    @Get("/chain/blocks")
    public BlockPage blocks(@Nullable @QueryValue @Min(0) Long before, @QueryValue(defaultValue = "10") @Min(1) @Max(50) int size,
                            Authentication auth) {
        audit.record(auth.getName(), "REGULATOR", "REGULATOR_QUERY", "chain", "blocks before " + before);
        long height = ledger.chainInfo().height();
        long top = before == null ? height : Math.min(before, height);
        List<BlockSummary> out = new java.util.ArrayList<>();
        for (long n = top - 1; n >= 0 && out.size() < size; n--) {
            var b = ledger.block(n);
            List<LedgerTransaction> txs = b.transactions();
            out.add(new BlockSummary(b.number(), b.headerHash(), b.previousHash(), b.dataHash(), txs.size(),
                    (int) txs.stream().filter(t -> t.validationCode() == org.hyperledger.fabric.protos.peer.TxValidationCode.VALID).count(),
                    txs.isEmpty() ? null : txs.get(0).timestamp(),
                    txs.stream().map(LedgerTransaction::function).filter(java.util.Objects::nonNull).distinct().toList()));
        }
        long lowest = out.isEmpty() ? 0 : out.get(out.size() - 1).number();
        return new BlockPage(height, out, lowest > 0 ? lowest : null);
    }

    @Get("/blocks/{number}")
    public BlockView block(@PathVariable long number, Authentication auth) {
        audit.record(auth.getName(), "REGULATOR", "REGULATOR_QUERY", "block:" + number, "block");
        long height = ledger.chainInfo().height();
        if (number < 0 || number >= height) {
            throw ApiProblem.notFound("no block " + number + "; the chain has " + height + " blocks");
        }
        var b = ledger.block(number);
        return new BlockView(b.number(), b.headerHash(), b.previousHash(), b.dataHash(), b.transactions());
    }

    @Get("/transactions/{txId}")
    public LedgerTransaction transaction(@PathVariable String txId, Authentication auth) {
        audit.record(auth.getName(), "REGULATOR", "REGULATOR_QUERY", "transaction:" + txId, "transaction");
        return ledger.transaction(txId).orElseThrow(() -> ApiProblem.notFound("no transaction " + txId + " on the ledger"));
    }

    /** Verifies the block hash chain over [from, to] (whole chain by default); names the first bad block. */
    @Get("/chain/verify")
    public ChainVerification verifyChain(@Nullable @QueryValue Long from, @Nullable @QueryValue Long to, Authentication auth) {
        audit.record(auth.getName(), "REGULATOR", "REGULATOR_QUERY", "chain", "verify from=" + from + " to=" + to);
        long height = ledger.chainInfo().height();
        long first = from == null ? 0 : from;
        long last = to == null ? height - 1 : to;
        if (first < 0 || last < first || last >= height) {
            throw ApiProblem.invalidField("from", "the chain has blocks 0 to " + (height - 1));
        }
        return ledger.verifyChain(first, last);
    }

    /**
     * The audit log a page at a time, oldest first unless {@code newestFirst}; narrowed by actor, action (exact), subject
     * (a part of it) and time range [from, to).
     */
    @Get("/audit")
    public io.micronaut.data.model.Page<AuditLog.Entry> auditLog(@QueryValue(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                                                                @QueryValue(defaultValue = "50") @Min(1) @Max(500) int size,
                                                                @Nullable @QueryValue String actor, @Nullable @QueryValue String action,
                                                                @Nullable @QueryValue String subject, @Nullable @QueryValue String from,
                                                                @Nullable @QueryValue String to,
                                                                @QueryValue(defaultValue = "false") boolean newestFirst,
                                                                Authentication auth) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !end.isAfter(start)) {
            throw ApiProblem.invalidField("to", "the range [from, to) is empty: to (" + end + ") must be after from (" + start + ")");
        }
        AuditSearch.Filter filter = new AuditSearch.Filter(limited("actor", actor, 64), limited("action", action, 64),
                limited("subject", subject, 200), start, end);
        audit.record(auth.getName(), "REGULATOR", "REGULATOR_QUERY", "audit", "page " + page + " " + filter);
        return auditSearch.search(filter, page, size, newestFirst);
    }

    private static String limited(String name, String value, int max) {
        String v = blankToNull(value);
        if (v != null && v.length() > max) {
            throw ApiProblem.invalidField(name, "at most " + max + " characters");
        }
        return v;
    }

    @Get("/audit/verify")
    public AuditLog.Verification verifyAudit(Authentication auth) {
        AuditLog.Verification v = audit.verify();
        audit.record(auth.getName(), "REGULATOR", "REGULATOR_QUERY", "audit", "verify: " + (v.valid() ? "valid" : "broken"));
        return v;
    }
}

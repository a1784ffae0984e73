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
@SerdeImport(org.dataexchange.ledger.dispute.DisputeOutcome.class)
@SerdeImport(org.dataexchange.ledger.dispute.DisputeOutcomeRequest.class)
public class RegulatorController {

    /** A block as the explorer shows it (the raw protobuf stays out of the JSON). */
    @io.micronaut.serde.annotation.Serdeable
    public record BlockView(long number, String headerHash, String previousHash, String dataHash, List<LedgerTransaction> transactions) {}

    private final SettlementClient ledger;
    private final AuditLog audit;
    private final Reconciliation reconciliation;
    private final LedgerTrades trades;
    private final org.dataexchange.marketplace.catalogue.CatalogueService catalogue;
    private final org.dataexchange.marketplace.complaint.Complaints.Service complaints;
    private final org.dataexchange.marketplace.settlement.UnbookedTrades unbooked;

    public RegulatorController(@Named("regulator") SettlementClient ledger, AuditLog audit, Reconciliation reconciliation,
                               LedgerTrades trades, org.dataexchange.marketplace.catalogue.CatalogueService catalogue,
                               org.dataexchange.marketplace.complaint.Complaints.Service complaints,
                               org.dataexchange.marketplace.settlement.UnbookedTrades unbooked) {
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
            return HttpResponse.ok(LedgerTrades.csv(trades.all(filter))).contentType("text/csv; charset=utf-8");
        }
        return HttpResponse.ok(trades.withBlocks(trades.page(filter, size, bookmark)));
    }

    /** Statistics for charts, from the ledger: per day, industry, classification, cross-border share, top merchants. */
    @Get(value = "/statistics", produces = {MediaType.APPLICATION_JSON, "text/csv"})
    public HttpResponse<?> statistics(@Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                      HttpRequest<?> request, Authentication auth) {
        audit.record(auth.getName(), "REGULATOR", "REGULATOR_QUERY", "statistics", "from=" + from + " to=" + to);
        LedgerTrades.Statistics stats = trades.statistics(filter(from, to, null, null, null, null, null, null));
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

    @Get("/audit")
    public io.micronaut.data.model.Page<AuditLog.Entry> auditLog(@QueryValue(defaultValue = "0") @Min(0) int page,
                                                                @QueryValue(defaultValue = "50") @Min(1) @Max(500) int size,
                                                                Authentication auth) {
        audit.record(auth.getName(), "REGULATOR", "REGULATOR_QUERY", "audit", "page " + page);
        return audit.page(page, size);
    }

    @Get("/audit/verify")
    public AuditLog.Verification verifyAudit(Authentication auth) {
        AuditLog.Verification v = audit.verify();
        audit.record(auth.getName(), "REGULATOR", "REGULATOR_QUERY", "audit", "verify: " + (v.valid() ? "valid" : "broken"));
        return v;
    }
}

package org.dataexchange.marketplace.regulator;

import io.micronaut.core.annotation.Nullable;
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
public class RegulatorController {

    /** A block as the explorer shows it (the raw protobuf stays out of the JSON). */
    @io.micronaut.serde.annotation.Serdeable
    public record BlockView(long number, String headerHash, String previousHash, String dataHash, List<LedgerTransaction> transactions) {}

    private final SettlementClient ledger;
    private final AuditLog audit;
    private final Reconciliation reconciliation;

    public RegulatorController(@Named("regulator") SettlementClient ledger, AuditLog audit, Reconciliation reconciliation) {
        this.ledger = ledger;
        this.audit = audit;
        this.reconciliation = reconciliation;
    }

    /** The exchange's settled orders against the ledger's trades: every difference listed, with totals. */
    @Get("/reconciliation")
    public Reconciliation.Report reconcile(Authentication auth) {
        audit.record(auth.getName(), "REGULATOR", "REGULATOR_QUERY", "reconciliation", "books against ledger");
        return reconciliation.run();
    }

    /** Trades on the ledger by time range, product or party, with the ledger's bookmark paging. */
    @Get("/trades")
    public Page<Trade> trades(@Nullable @QueryValue String from, @Nullable @QueryValue String to,
                              @Nullable @QueryValue String product, @Nullable @QueryValue String party,
                              @QueryValue(defaultValue = "50") @Min(1) @Max(500) int size,
                              @Nullable @QueryValue String bookmark, Authentication auth) {
        audit.record(auth.getName(), "REGULATOR", "REGULATOR_QUERY", "trades", "from=" + from + " to=" + to + " product="
                + product + " party=" + party);
        if (product != null && !product.isBlank()) {
            return ledger.tradesByProduct(product, size, bookmark);
        }
        if (party != null && !party.isBlank()) {
            return ledger.tradesByParty(party, size, bookmark);
        }
        Instant start;
        Instant end;
        try {
            start = from == null ? Instant.EPOCH : Instant.parse(from);
            end = to == null ? Instant.now().plusSeconds(60) : Instant.parse(to);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiProblem.invalidField(from == null ? "to" : "from", "use ISO-8601 instants such as 2026-11-01T00:00:00Z");
        }
        return ledger.tradesByTime(start, end, size, bookmark);
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

package org.dataexchange.marketplace.payment;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dataexchange.marketplace.Database;
import org.dataexchange.marketplace.Money;
import org.dataexchange.marketplace.RecordId;
import org.dataexchange.marketplace.problem.ApiProblem;

/**
 * Wallets in double-entry bookkeeping. Each party has accounts per currency: AVAILABLE (spendable), ESCROW
 * (held for orders until settlement), REVENUE (earned from trades); top-ups come from an EXTERNAL account. Every
 * movement is a journal entry whose lines sum to zero; an overdraft is refused by a conditional update, so no
 * wallet goes negative however many orders pay at once.
 */
@Singleton
public class Wallets {

    /**
     * OWED is a receivable: a refund that took back more of a party's revenue than its REVENUE balance held leaves the
     * rest there as a negative balance, what the party owes the exchange (which advanced it to the buyer). It never
     * goes above zero; every other kind but EXTERNAL never below.
     */
    public enum Kind { AVAILABLE, ESCROW, REVENUE, EXTERNAL, OWED }

    /** The payment provider's side of top-ups (the default provider is this internal escrow wallet). */
    public static final String TOP_UP_SOURCE = "payment-provider";

    @MappedEntity("ledger_account")
    public record Account(@Id String id, String owner, Kind kind, String currency, long balanceMinor) {}

    @MappedEntity("journal_entry")
    public record Entry(@Id String id, String kind, String reference, String actor, Instant createdAt) {}

    @MappedEntity("journal_line")
    public record Line(@Id String id, String entryId, String accountId, long amountMinor) {}

    /** One leg of a movement: an account and a signed amount. */
    public record Posting(String owner, Kind kind, long amountMinor) {}

    /** An account's balance as the API shows it. */
    @Serdeable
    public record Balance(String kind, String currency, long balanceMinor) {}

    @JdbcRepository(dialect = Dialect.H2)
    public interface Accounts extends CrudRepository<Account, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Accounts.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Accounts {}

        /**
         * Moves a balance by {@code delta} unless it would leave its range: 0 to {@code Money.MAX_MINOR}, for OWED
         * {@code -Money.MAX_MINOR} to 0, for EXTERNAL ±{@code Money.MAX_MINOR}. Balances and deltas stay within that
         * bound, so the sum never overflows.
         */
        @Query("UPDATE ledger_account SET balance_minor = balance_minor + :delta"
                + " WHERE id = :id"
                + " AND balance_minor + :delta <= CASE WHEN kind = 'OWED' THEN 0 ELSE " + Money.MAX_MINOR + " END"
                + " AND balance_minor + :delta >= CASE WHEN kind IN ('EXTERNAL', 'OWED') THEN -" + Money.MAX_MINOR
                + " ELSE 0 END")
        long adjust(String id, long delta);

        List<Account> findByOwner(String owner);

        @Query("SELECT * FROM ledger_account WHERE id IN (:ids) ORDER BY id FOR UPDATE")
        List<Account> lock(java.util.Collection<String> ids);

        /** Of these accounts (by primary key), those below zero: the OWED accounts with something owed. */
        @Query("SELECT * FROM ledger_account WHERE id IN (:ids) AND balance_minor < 0")
        List<Account> findOwing(java.util.Collection<String> ids);
    }

    @JdbcRepository(dialect = Dialect.H2)
    public interface Entries extends CrudRepository<Entry, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Entries.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Entries {}
    }

    @JdbcRepository(dialect = Dialect.H2)
    public interface Lines extends CrudRepository<Line, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Lines.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Lines {}

        @Query("SELECT COALESCE(SUM(amount_minor), 0) FROM journal_line WHERE account_id = :accountId")
        long sumForAccount(String accountId);
    }

    private final Accounts accounts;
    private final Entries entries;
    private final Lines lines;

    public Wallets(Accounts accounts, Entries entries, Lines lines) {
        this.accounts = accounts;
        this.entries = entries;
        this.lines = lines;
    }

    public static String accountId(String owner, Kind kind, String currency) {
        return owner + ":" + kind + ":" + currency;
    }

    /** A balanced movement to record: its kind, reference, actor and the legs in one currency. */
    public record Movement(String kind, String reference, String actor, String currency, List<Posting> postings) {}

    /**
     * Records a balanced movement; refuses it whole (409, nothing written) when a non-external account would go
     * below zero. Runs inside the caller's transaction when there is one.
     */
    @Transactional
    public void post(String kind, String reference, String actor, String currency, List<Posting> postings) {
        postAll(List.of(new Movement(kind, reference, actor, currency, postings)));
    }

    /**
     * Records several movements in one transaction, each as its own journal entry, with the journal rows written in
     * batches; refuses them all when any would overdraw an account. Each account's balance moves once, by the net of
     * its legs: a batch of settlements credits the same merchant and platform accounts over and over.
     */
    @Transactional
    public void postAll(List<Movement> movements) {
        List<Entry> journal = new ArrayList<>(movements.size());
        List<Line> journalLines = new ArrayList<>();
        Map<String, NetChange> net = new HashMap<>();
        Instant now = Instant.now();
        for (Movement m : movements) {
            long sum = 0;
            for (Posting p : m.postings()) {
                if (Math.abs(p.amountMinor()) > Money.MAX_MINOR) {
                    throw ApiProblem.invalidField("amountMinor", "an amount is at most " + Money.MAX_MINOR + " minor units");
                }
                sum += p.amountMinor();
            }
            if (sum != 0) {
                throw new IllegalArgumentException("a journal entry must balance; these postings sum to " + sum);
            }
            Entry entry = new Entry(RecordId.next(), m.kind(), m.reference(), m.actor(), now);
            journal.add(entry);
            for (Posting p : m.postings()) {
                String id = accountId(p.owner(), p.kind(), m.currency());
                NetChange change = net.computeIfAbsent(id, k -> new NetChange(id, p.owner(), p.kind(), m.currency()));
                change.deltaMinor = Math.addExact(change.deltaMinor, p.amountMinor());
                journalLines.add(new Line(RecordId.next(), entry.id(), id, p.amountMinor()));
            }
        }
        // Debits first, then by account, so concurrent movements lock accounts in the same order.
        List<NetChange> ordered = new ArrayList<>(net.values());
        ordered.sort(java.util.Comparator.comparing((NetChange c) -> c.deltaMinor >= 0).thenComparing(c -> c.accountId));
        for (NetChange c : ordered) {
            // Accounts open on their first movement; nearly every movement finds its account, so adjust first.
            boolean applied = accounts.adjust(c.accountId, c.deltaMinor) == 1;
            if (!applied && !accounts.existsById(c.accountId)) {
                accounts.save(new Account(c.accountId, c.owner, c.kind, c.currency, 0));
                applied = accounts.adjust(c.accountId, c.deltaMinor) == 1;
            }
            if (!applied && (c.kind == Kind.EXTERNAL || (c.kind == Kind.OWED ? c.deltaMinor < 0 : c.deltaMinor > 0))) {
                throw ApiProblem.conflict("Balance limit", "the " + c.kind.name().toLowerCase(java.util.Locale.ROOT)
                        + " balance of this wallet would exceed " + Money.MAX_MINOR + " " + c.currency + " minor units");
            }
            if (!applied) {
                throw ApiProblem.conflict("Insufficient funds", "the " + c.kind.name().toLowerCase(java.util.Locale.ROOT)
                        + " balance of this wallet is lower than " + (-c.deltaMinor) + " " + c.currency + " minor units");
            }
        }
        entries.saveAll(journal);
        lines.saveAll(journalLines);
    }

    /** The sum of one account's legs in a set of movements. */
    private static final class NetChange {
        final String accountId;
        final String owner;
        final Kind kind;
        final String currency;
        long deltaMinor;

        NetChange(String accountId, String owner, Kind kind, String currency) {
            this.accountId = accountId;
            this.owner = owner;
            this.kind = kind;
            this.currency = currency;
        }
    }

    /** The journal kind of the movements that earn a party revenue, and of those that recover what it owes from it. */
    public static final String EARNED = "SETTLEMENT";
    public static final String OWED_RECOVERY = "OWED_RECOVERY";

    /**
     * The movements with what their revenue recovers of owed amounts: for each REVENUE credit of a {@link #EARNED}
     * movement whose party has a negative OWED balance, an {@link #OWED_RECOVERY} movement right after it (same
     * reference) that takes {@code min(credit, still owed)} from that REVENUE back into OWED. Posted together with
     * {@link #postAll} the credit and the recovery net per account in one transaction, so REVENUE never goes below what
     * it held and OWED never above zero (the conditional update refuses the whole batch otherwise, e.g. when another
     * worker recovered the same debt meanwhile, and the batch is retried). One read per call, by primary key, for the
     * OWED accounts of the parties credited.
     */
    public List<Movement> withOwedRecovered(List<Movement> movements) {
        java.util.Set<String> owedIds = new java.util.HashSet<>();
        for (Movement m : movements) {
            if (EARNED.equals(m.kind())) {
                for (Posting p : m.postings()) {
                    if (p.kind() == Kind.REVENUE && p.amountMinor() > 0) {
                        owedIds.add(accountId(p.owner(), Kind.OWED, m.currency()));
                    }
                }
            }
        }
        if (owedIds.isEmpty()) {
            return movements;
        }
        Map<String, Long> owing = new HashMap<>();
        accounts.findOwing(owedIds).forEach(a -> owing.put(a.id(), -a.balanceMinor()));
        if (owing.isEmpty()) {
            return movements;
        }
        List<Movement> all = new ArrayList<>(movements.size() + owing.size());
        for (Movement m : movements) {
            all.add(m);
            if (!EARNED.equals(m.kind())) {
                continue;
            }
            for (Posting p : m.postings()) {
                String owedId = accountId(p.owner(), Kind.OWED, m.currency());
                long owed = p.kind() == Kind.REVENUE && p.amountMinor() > 0 ? owing.getOrDefault(owedId, 0L) : 0;
                if (owed > 0) {
                    long recovered = Math.min(owed, p.amountMinor());
                    owing.put(owedId, owed - recovered);
                    all.add(new Movement(OWED_RECOVERY, m.reference(), m.actor(), m.currency(), List.of(
                            new Posting(p.owner(), Kind.REVENUE, -recovered), new Posting(p.owner(), Kind.OWED, recovered))));
                }
            }
        }
        return all;
    }

    public List<Balance> balances(String owner) {
        return accounts.findByOwner(owner).stream()
                .map(a -> new Balance(a.kind().name(), a.currency(), a.balanceMinor()))
                .sorted(java.util.Comparator.comparing(Balance::currency).thenComparing(Balance::kind))
                .toList();
    }

    public long balance(String owner, Kind kind, String currency) {
        return accounts.findById(accountId(owner, kind, currency)).map(Account::balanceMinor).orElse(0L);
    }

    /**
     * The balances of the given owners' accounts of one kind, locked until the caller's transaction ends (in account-id
     * order, the order settlement's postings take them in), so that what a caller read is still there when it posts.
     */
    public Map<String, Long> lockBalances(java.util.Collection<String> owners, Kind kind, String currency) {
        Map<String, Long> balances = new HashMap<>();
        owners.forEach(o -> balances.put(o, 0L));
        if (!owners.isEmpty()) {
            accounts.lock(owners.stream().map(o -> accountId(o, kind, currency)).distinct().toList())
                    .forEach(a -> balances.put(a.owner(), a.balanceMinor()));
        }
        return balances;
    }

    /** The balance as the journal says it is; equals the running balance unless something bypassed the journal. */
    public long balanceFromJournal(String owner, Kind kind, String currency) {
        return lines.sumForAccount(accountId(owner, kind, currency));
    }

    /** An operator-recorded top-up from the payment provider. */
    @Transactional
    public void topUp(String owner, long amountMinor, String currency, String reference, String actor) {
        if (amountMinor <= 0 || amountMinor > Money.MAX_MINOR) {
            throw ApiProblem.invalidField("amountMinor", "a top-up is a positive amount of at most " + Money.MAX_MINOR
                    + " minor units");
        }
        post("TOP_UP", reference, actor, currency, List.of(new Posting(TOP_UP_SOURCE, Kind.EXTERNAL, -amountMinor),
                new Posting(owner, Kind.AVAILABLE, amountMinor)));
    }
}

package org.dataexchange.marketplace.account;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.dataexchange.marketplace.Database;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.marketplace.problem.ProblemType;

/**
 * Limits failed sign-ins, per account and per client address: after {@code max-account-failures} wrong passwords for
 * one username (or {@code max-address-failures} from one address) within {@code window}, every sign-in for that
 * account (or from that address) is refused for {@code lock}, with 429 and {@code Retry-After}, even with the right
 * password and without checking it. A successful sign-in clears the account's count, not the address's (else one
 * valid account would reset an address that guesses others' passwords). Counts live in the database, so several
 * instances share them.
 */
@Singleton
class SignInThrottle {

    @MappedEntity("sign_in_attempt")
    public record Attempt(@Id String subject, int failures, Instant windowStart, @Nullable Instant lockedUntil) {}

    @JdbcRepository(dialect = Dialect.H2)
    public interface Attempts extends CrudRepository<Attempt, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Attempts.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Attempts {}

        @Query("SELECT * FROM sign_in_attempt WHERE subject = :subject FOR UPDATE")
        Optional<Attempt> lock(String subject);

        @Query("SELECT MAX(locked_until) FROM sign_in_attempt WHERE subject IN (:account, :address) AND locked_until > :now")
        Optional<Instant> lockedUntil(String account, String address, Instant now);
    }

    private final Attempts attempts;
    private final Clock clock;
    private final int maxAccountFailures;
    private final int maxAddressFailures;
    private final Duration window;
    private final Duration lock;

    SignInThrottle(Attempts attempts, Clock clock, SignInSettings settings) {
        this.attempts = attempts;
        this.clock = clock;
        this.maxAccountFailures = settings.maxAccountFailures();
        this.maxAddressFailures = settings.maxAddressFailures();
        this.window = settings.window();
        this.lock = settings.lock();
    }

    static String account(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return "account:" + (name.length() > 128 ? name.substring(0, 128) : name);
    }

    static String address(String clientAddress) {
        return "address:" + (clientAddress == null ? "unknown" : clientAddress);
    }

    /** Refuses (429) while the account or the address is locked. */
    public void requireNotLocked(String username, String clientAddress) {
        Instant now = clock.instant();
        attempts.lockedUntil(account(username), address(clientAddress), now).ifPresent(until -> {
            throw ApiProblem.retryLater(ProblemType.TOO_MANY_ATTEMPTS, "Too many failed sign-ins",
                    "sign-in is locked after too many wrong passwords for this account or from this address; try again"
                            + " after " + until, Duration.between(now, until).plusSeconds(1));
        });
    }

    /** Counts a wrong password against the account and the address; locks whichever reached its limit. */
    @Transactional
    public void failed(String username, String clientAddress) {
        count(account(username), maxAccountFailures);
        count(address(clientAddress), maxAddressFailures);
    }

    /** A right password: the account's count starts again. */
    @Transactional
    public void succeeded(String username) {
        attempts.deleteById(account(username));
    }

    private void count(String subject, int max) {
        Instant now = clock.instant();
        Optional<Attempt> current = attempts.lock(subject);
        if (current.isEmpty()) {
            try {
                attempts.save(new Attempt(subject, 0, now, null));
            } catch (DataAccessException raced) {
                // another instance or thread counted this subject first; its row is there now
            }
            current = attempts.lock(subject);
        }
        Attempt a = current.orElseThrow();
        boolean sameWindow = a.windowStart().plus(window).isAfter(now);
        int failures = sameWindow ? a.failures() + 1 : 1;
        Instant windowStart = sameWindow ? a.windowStart() : now;
        Instant lockedUntil = failures >= max ? now.plus(lock) : a.lockedUntil();
        if (failures >= max) {
            // the lock starts a new window: after it, the subject has its full number of tries again
            failures = 0;
            windowStart = now.plus(lock);
        }
        attempts.update(new Attempt(subject, failures, windowStart, lockedUntil));
    }
}

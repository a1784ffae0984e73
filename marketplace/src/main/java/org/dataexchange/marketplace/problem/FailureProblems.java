package org.dataexchange.marketplace.problem;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.dataexchange.settlementclient.CommitFailedException;
import org.dataexchange.settlementclient.ContractRefusedException;
import org.dataexchange.settlementclient.EndorsementFailedException;
import org.dataexchange.settlementclient.LedgerException;
import org.dataexchange.settlementclient.LedgerUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mapping of failures from below the API (the ledger, the database) to problems, for the whole service:
 * <ul>
 *   <li>the contract's refusals are 409 {@code ledger-refused} with the contract's {@code code}, except
 *       {@code NOT_FOUND} (404) and {@code INVALID_ARGUMENT} (400); {@code ACCESS_DENIED} and
 *       {@code UNKNOWN_TRANSACTION}, the exchange's own misconfiguration, are 409 too and logged as errors;</li>
 *   <li>a ledger that cannot be reached, or that failed endorsement or commit, is 503 {@code ledger-unavailable}
 *       with {@code Retry-After};</li>
 *   <li>a unique-key race in the database is 409, a value too long for its column 400; anything else is a 500,
 *       logged.</li>
 * </ul>
 * Controllers and services let these exceptions through (also wrapped in a {@link CompletionException} by
 * {@code join()}); nothing catches them one by one.
 */
public final class FailureProblems {

    private static final Logger LOG = LoggerFactory.getLogger(FailureProblems.class);
    static final Duration LEDGER_RETRY_AFTER = Duration.ofSeconds(5);

    private FailureProblems() {}

    /** The problem a failure becomes, or null for a fault of the exchange itself (a 500). */
    public static ApiProblem problemOf(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof ApiProblem problem) {
            return problem;
        }
        if (t instanceof ContractRefusedException refused) {
            return switch (refused.code()) {
                case NOT_FOUND -> ApiProblem.ledgerRefused(ProblemType.NOT_FOUND, refused.code().name(), refused.getMessage());
                case INVALID_ARGUMENT -> ApiProblem.ledgerRefused(ProblemType.INVALID_INPUT, refused.code().name(),
                        refused.getMessage());
                case ACCESS_DENIED, UNKNOWN_TRANSACTION -> {
                    // The exchange's own identity or contract is wrong: still the ledger's refusal (409, never a 500),
                    // and logged as the misconfiguration it is.
                    LOG.error("the ledger refused the exchange's own request ({}): {}", refused.code(), refused.getMessage());
                    yield ApiProblem.ledgerRefused(ProblemType.LEDGER_REFUSED, refused.code().name(), refused.getMessage());
                }
                default -> ApiProblem.ledgerRefused(ProblemType.LEDGER_REFUSED, refused.code().name(), refused.getMessage());
            };
        }
        if (t instanceof LedgerUnavailableException || t instanceof EndorsementFailedException
                || t instanceof CommitFailedException) {
            return ApiProblem.retryLater(ProblemType.LEDGER_UNAVAILABLE, "Ledger unavailable", "the settlement ledger could"
                    + " not complete the request now (" + ((LedgerException) t).getClass().getSimpleName() + "); nothing was"
                    + " changed, try again shortly", LEDGER_RETRY_AFTER);
        }
        if (t instanceof DataAccessException) {
            String state = sqlState(t);
            if (state != null && state.startsWith("23")) {
                return ApiProblem.conflict("Conflicting change", "another request changed or created the same record at the"
                        + " same time; nothing was changed by this one");
            }
            if ("22001".equals(state)) {
                return ApiProblem.of(ProblemType.INVALID_INPUT, "Value too long", "a value is longer than the exchange keeps");
            }
        }
        return null;
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String sqlState(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    static HttpResponse<?> render(HttpRequest<?> request, Throwable failure) {
        ApiProblem problem = problemOf(failure);
        if (problem == null) {
            LOG.error("{} {} failed", request.getMethodName(), request.getPath(), failure);
            problem = ApiProblem.of(ProblemType.SERVER_ERROR, "Internal Server Error",
                    "the exchange could not complete the request; it has been logged");
        }
        return ProblemJson.response(problem);
    }

    @Singleton
    @Produces(ProblemJson.CONTENT_TYPE)
    public static final class LedgerHandler implements ExceptionHandler<LedgerException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, LedgerException exception) {
            return render(request, exception);
        }
    }

    @Singleton
    @Produces(ProblemJson.CONTENT_TYPE)
    public static final class CompletionHandler implements ExceptionHandler<CompletionException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, CompletionException exception) {
            return render(request, exception);
        }
    }

    @Singleton
    @Produces(ProblemJson.CONTENT_TYPE)
    public static final class DatabaseHandler implements ExceptionHandler<DataAccessException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, DataAccessException exception) {
            return render(request, exception);
        }
    }
}

package org.dataexchange.marketplace.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.micronaut.http.HttpResponse;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.concurrent.CompletionException;
import org.dataexchange.ledger.ErrorCode;
import org.dataexchange.settlementclient.ContractRefusedException;
import org.dataexchange.settlementclient.LedgerUnavailableException;
import org.junit.jupiter.api.Test;

/**
 * The one mapping of ledger failures to problems, for each of the contract's error codes and for an unreachable
 * ledger. The client creates its exceptions itself (package-private factories), so they are made here the same way.
 */
class FailureProblemsTest {

    private static ContractRefusedException refusal(ErrorCode code) throws Exception {
        Method of = ContractRefusedException.class.getDeclaredMethod("of", ErrorCode.class, String.class, String.class);
        of.setAccessible(true);
        return (ContractRefusedException) of.invoke(null, code, code + ": explanation", "tx-1");
    }

    @Test
    void everyContractRefusalHasItsProblem() throws Exception {
        for (ErrorCode code : ErrorCode.values()) {
            ApiProblem problem = FailureProblems.problemOf(new CompletionException(refusal(code)));
            switch (code) {
                case NOT_FOUND -> assertThat(problem.type()).isEqualTo(ProblemType.NOT_FOUND);
                case INVALID_ARGUMENT -> assertThat(problem.type()).isEqualTo(ProblemType.INVALID_INPUT);
                // the exchange's own identity or contract is wrong: logged, and still the ledger's refusal, never a 500
                default -> {
                    assertThat(problem.type()).as("%s", code).isEqualTo(ProblemType.LEDGER_REFUSED);
                    assertThat(ProblemJson.response(problem).code()).isEqualTo(409);
                }
            }
            assertThat(problem.code()).isEqualTo(code.name());
        }
    }

    @Test
    void anUnreachableLedgerIs503WithRetryAfter() throws Exception {
        Constructor<LedgerUnavailableException> c = LedgerUnavailableException.class.getDeclaredConstructor(String.class,
                String.class, Status.Code.class, Throwable.class);
        c.setAccessible(true);
        ApiProblem problem = FailureProblems.problemOf(new CompletionException(c.newInstance("deadline exceeded", "tx-2",
                Status.Code.DEADLINE_EXCEEDED, null)));
        assertThat(problem.type()).isEqualTo(ProblemType.LEDGER_UNAVAILABLE);
        HttpResponse<?> response = ProblemJson.response(problem);
        assertThat(response.code()).isEqualTo(503);
        assertThat(response.getHeaders().get("Retry-After")).isEqualTo("5");
        assertThat(response.getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
    }

    @Test
    void everyProblemTypeIsDocumented() throws Exception {
        String page = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "problems.md"));
        for (ProblemType type : ProblemType.values()) {
            assertThat(page).as("docs/problems.md lists %s", type).contains("| `" + type.uri() + "` | " + type.status() + " |");
        }
    }

    @Test
    void typeUrisAreStable() {
        assertThat(ProblemType.INVALID_INPUT.uri()).isEqualTo("urn:dataexchange:problem:invalid-input");
        assertThat(ProblemType.LEDGER_UNAVAILABLE.uri()).isEqualTo("urn:dataexchange:problem:ledger-unavailable");
        assertThat(ProblemType.ofStatus(429)).isEqualTo(ProblemType.TOO_MANY_ATTEMPTS);
    }
}

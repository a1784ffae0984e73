package org.dataexchange.marketplace.problem;

import io.grpc.Status;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.dataexchange.ledger.ErrorCode;
import org.dataexchange.settlementclient.ContractRefusedException;
import org.dataexchange.settlementclient.LedgerException;
import org.dataexchange.settlementclient.LedgerUnavailableException;
import org.dataexchange.settlementclient.SettlementClient;
import org.mockito.Mockito;

/**
 * A ledger that can be told to refuse or to be away. Every {@link SettlementClient} the service creates (the operator's
 * and the regulator's) is wrapped: each call goes to the real client on the real devnet, unless a fault is set, in which
 * case the call fails as the client fails, with its own exception types: a {@link ContractRefusedException} of the chosen
 * contract code, or a {@link LedgerUnavailableException} (gRPC UNAVAILABLE). Writes fail through their future, as the
 * client's do. Active with {@code test.ledger-faults=true}.
 */
@Singleton
@Requires(property = "test.ledger-faults", value = "true")
public class LedgerFaults implements BeanCreatedEventListener<SettlementClient> {

    /** The calls that are not the ledger's (lifecycle, metrics, the event stream the service keeps open). */
    private static final Set<String> NOT_LEDGER_CALLS = Set.of("close", "readConflictRetries", "subscribe", "toString",
            "hashCode", "equals");

    private record Fault(ErrorCode refusal, Set<String> methods) {
        boolean applies(String method) {
            return !NOT_LEDGER_CALLS.contains(method) && (methods.isEmpty() || methods.contains(method));
        }
    }

    private volatile Fault fault;
    private final AtomicInteger failedCalls = new AtomicInteger();

    @Override
    public SettlementClient onCreated(BeanCreatedEvent<SettlementClient> event) {
        SettlementClient real = event.getBean();
        return Mockito.mock(SettlementClient.class, Mockito.withSettings().stubOnly().defaultAnswer(invocation -> {
            Method method = invocation.getMethod();
            Fault now = fault;
            if (now != null && now.applies(method.getName())) {
                if (!Thread.currentThread().getName().equals("ledger-probe")) {
                    failedCalls.incrementAndGet(); // the readiness probe's calls are not a request's
                }
                LedgerException failure = now.refusal() == null ? outage() : refusal(now.refusal());
                if (CompletableFuture.class.isAssignableFrom(method.getReturnType())) {
                    return CompletableFuture.failedFuture(failure);
                }
                throw failure;
            }
            try {
                return method.invoke(real, invocation.getArguments());
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    /** From now on the contract refuses every ledger call (or only those named) with {@code code}. */
    public void refuse(ErrorCode code, String... methods) {
        fault = new Fault(code, Set.of(methods));
    }

    /** From now on the ledger cannot be reached for any call (or only those named). */
    public void unavailable(String... methods) {
        fault = new Fault(null, Set.of(methods));
    }

    /** The ledger answers again. */
    public void clear() {
        fault = null;
    }

    /**
     * How many calls failed by a fault so far (so a test knows its request did reach the ledger); the readiness probe's
     * background calls (thread {@code ledger-probe}) fail too but are not counted.
     */
    public int failedCalls() {
        return failedCalls.get();
    }

    // The client makes its exceptions itself (package-private factories); they are made here the same way.

    static ContractRefusedException refusal(ErrorCode code) {
        try {
            Method of = ContractRefusedException.class.getDeclaredMethod("of", ErrorCode.class, String.class, String.class);
            of.setAccessible(true);
            return (ContractRefusedException) of.invoke(null, code, code + ": refused by the test ledger", "tx-test");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static LedgerUnavailableException outage() {
        try {
            Constructor<LedgerUnavailableException> c = LedgerUnavailableException.class.getDeclaredConstructor(String.class,
                    String.class, Status.Code.class, Throwable.class);
            c.setAccessible(true);
            return c.newInstance("UNAVAILABLE: the test ledger is away", null, Status.Code.UNAVAILABLE, null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.dataexchange.ledger;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.contract.metadata.MetadataBuilder;
import org.hyperledger.fabric.contract.routing.RoutingRegistry;
import org.hyperledger.fabric.contract.routing.TypeRegistry;
import org.hyperledger.fabric.shim.Chaincode;

/**
 * The settlement contract as a chaincode object, routed by the shim's own {@link ContractRouter} exactly
 * as in a chaincode container, for hosts that run it in-process (devnet is handed one, tests). Deployed on a peer,
 * the shaded jar's main class {@code ContractRouter} does the same wiring itself.
 *
 * <p>{@code new SettlementChaincode()} is the contract deployed as {@code settlement:1.0}, for hosts that load
 * chaincodes by class name (devnet's {@code --chaincode settlement=org.dataexchange.ledger.SettlementChaincode}).
 */
public final class SettlementChaincode implements Chaincode {

    /** Held strongly: java.util.logging forgets the level of loggers nobody references. */
    private static final Logger SHIM_LOGGER = Logger.getLogger("org.hyperledger");
    private static final Logger FABRIC_LOGGER = Logger.getLogger("org.hyperledger.fabric");
    private static final Logger SHIM_PACKAGE_LOGGER = Logger.getLogger("org.hyperledger.fabric.shim");
    private static final Logger CONTRACT_PACKAGE_LOGGER = Logger.getLogger("org.hyperledger.fabric.contract");

    /** Log level of the shim when hosted in-process; a system property so hosts can raise it to debug. */
    public static final String LOG_LEVEL_PROPERTY = "exchange.chaincode.log-level";

    private final Chaincode router;

    public SettlementChaincode() {
        this.router = inProcess("settlement:1.0");
    }

    @Override
    public Response init(org.hyperledger.fabric.shim.ChaincodeStub stub) {
        return router.init(stub);
    }

    @Override
    public Response invoke(org.hyperledger.fabric.shim.ChaincodeStub stub) {
        return router.invoke(stub);
    }

    /**
     * A router with every contract on the class path discovered and the metadata built, ready for
     * {@code invoke(stub)}. {@code chaincodeId} is the name the contract is deployed under.
     */
    public static Chaincode inProcess(String chaincodeId) {
        // Discovery scans the class path (seconds); a router holds no per-call state, so one per id serves all.
        return ROUTERS.computeIfAbsent(chaincodeId, SettlementChaincode::newRouter);
    }

    private static final java.util.Map<String, Chaincode> ROUTERS = new java.util.concurrent.ConcurrentHashMap<>();

    private static synchronized Chaincode newRouter(String chaincodeId) {
        // The router reformats and re-levels every root handler of the process and logs its environment, as
        // suits a chaincode container; a host keeps its own logging, so the handlers are detached meanwhile.
        Logger root = Logger.getLogger("");
        Handler[] handlers = root.getHandlers();
        for (Handler h : handlers) {
            root.removeHandler(h);
        }
        ContractRouter router;
        try {
            router = new ContractRouter(new String[] {"--id", chaincodeId});
        } finally {
            for (Handler h : handlers) {
                root.addHandler(h);
            }
        }
        quietShimLogging();
        try {
            // The router exposes discovery only through its main method, which also opens a peer
            // connection; these two steps are what main does before connecting.
            invokeHidden(router, "findAllContracts");
            RoutingRegistry routing = (RoutingRegistry) invokeHidden(router, "getRoutingRegistry");
            TypeRegistry types = (TypeRegistry) invokeHidden(router, "getTypeRegistry");
            MetadataBuilder.initialize(routing, types);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this fabric-chaincode-shim version cannot be routed in-process", e);
        }
        return router;
    }

    /**
     * A chaincode container logs every invocation with its arguments at INFO and every typed refusal with a
     * stack trace at SEVERE. In a host process that is noise, and the arguments are the host's business;
     * refusals reach the caller in the response anyway. Hosts that need the shim's view set
     * {@value #LOG_LEVEL_PROPERTY} (e.g. {@code FINE}).
     */
    private static void quietShimLogging() {
        Level level = Level.parse(System.getProperty(LOG_LEVEL_PROPERTY, "OFF"));
        for (Logger logger : new Logger[] {SHIM_LOGGER, FABRIC_LOGGER, SHIM_PACKAGE_LOGGER, CONTRACT_PACKAGE_LOGGER}) {
            logger.setLevel(level);
        }
    }

    private static Object invokeHidden(ContractRouter router, String method) throws ReflectiveOperationException {
        Method m = ContractRouter.class.getDeclaredMethod(method);
        m.setAccessible(true);
        try {
            return m.invoke(router);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }
}

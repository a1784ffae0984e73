package org.dataexchange.ledger;

import org.dataexchange.ledger.access.AccessPolicy;
import org.hyperledger.fabric.contract.ContractRouter;

/**
 * The shaded jar's main class: checks the contract's configuration, then hands over to the shim's
 * {@link ContractRouter}, which serves the contract (as chaincode-as-a-service when
 * {@code CHAINCODE_SERVER_ADDRESS} is set). The router builds the contract only on the first transaction, so a
 * bad configuration would otherwise pass a deploy's probe and then fail every transaction with a bare
 * {@code chaincode response 500}, the reason only in this process's log; here it stops the process at start.
 */
public final class SettlementServer {

    /** Exit status of a refused configuration (64: EX_USAGE, the caller's settings are wrong). */
    public static final int CONFIGURATION_REFUSED = 64;

    private SettlementServer() {}

    public static void main(String[] args) throws Exception {
        try {
            AccessPolicy access = AccessPolicy.fromEnvironment(System.getenv());
            System.err.println("settlement contract: operator MSP " + access.operatorMspId() + ", regulator MSP "
                    + access.regulatorMspId());
        } catch (IllegalArgumentException e) {
            System.err.println("settlement contract: refusing to start: " + e.getMessage() + " (set "
                    + AccessPolicy.OPERATOR_MSP_ENV + " and " + AccessPolicy.REGULATOR_MSP_ENV
                    + " to the network's two organisations)");
            System.exit(CONFIGURATION_REFUSED);
            return;
        }
        ContractRouter.main(args);
    }
}

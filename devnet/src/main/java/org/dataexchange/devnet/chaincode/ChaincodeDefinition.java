package org.dataexchange.devnet.chaincode;

import java.util.Objects;
import org.hyperledger.fabric.shim.Chaincode;

/**
 * A chaincode the channel runs, as a Fabric chaincode definition names it: its name, its version and the
 * chaincode itself, run in this process. devnet knows no chaincode of its own; whoever starts it hands them over.
 */
public record ChaincodeDefinition(String name, String version, Chaincode chaincode) {

    public ChaincodeDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(chaincode, "chaincode");
        if (name.isBlank() || name.equals(QuerySystemChaincode.NAME)) {
            throw new IllegalArgumentException("a chaincode needs a name other than '" + QuerySystemChaincode.NAME + "'");
        }
    }
}

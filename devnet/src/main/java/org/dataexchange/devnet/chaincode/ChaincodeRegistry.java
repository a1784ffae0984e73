package org.dataexchange.devnet.chaincode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hyperledger.fabric.shim.Chaincode;

/** The chaincodes deployed on the channel, by name, each with the version its definition carries. */
public final class ChaincodeRegistry {

    private record Deployed(Chaincode chaincode, String version) {}

    private final Map<String, Deployed> deployed = new ConcurrentHashMap<>();

    public void deploy(String name, String version, Chaincode chaincode) {
        deployed.put(name, new Deployed(chaincode, version));
    }

    public Chaincode find(String name) {
        Deployed d = deployed.get(name);
        return d == null ? null : d.chaincode();
    }

    public String version(String name) {
        Deployed d = deployed.get(name);
        return d == null ? "" : d.version();
    }
}

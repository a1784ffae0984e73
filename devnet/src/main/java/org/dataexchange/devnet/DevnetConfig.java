package org.dataexchange.devnet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.dataexchange.devnet.chaincode.ChaincodeDefinition;
import org.dataexchange.devnet.crypto.OrgRole;
import org.dataexchange.devnet.crypto.OrgSpec;

/**
 * How a devnet runs.
 *
 * @param dataDir where blocks and crypto material live; everything survives restarts
 * @param port TCP port on 127.0.0.1 for the TLS gRPC endpoint; 0 picks a free one; -1 serves in-process only
 * @param chaincodes the chaincodes the channel runs (besides qscc); the first is the one connection.json names
 * @param maxMessageCount transactions per block at most (Fabric's BatchSize.MaxMessageCount)
 * @param batchTimeout how long a block waits to fill (Fabric's BatchTimeout)
 */
public record DevnetConfig(
        Path dataDir,
        int port,
        String channelId,
        List<ChaincodeDefinition> chaincodes,
        List<OrgSpec> orgs,
        int maxMessageCount,
        Duration batchTimeout) {

    public static final String DEFAULT_CHANNEL = "exchange";

    public DevnetConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        orgs = List.copyOf(orgs);
        chaincodes = List.copyOf(chaincodes);
        if (chaincodes.stream().map(ChaincodeDefinition::name).distinct().count() != chaincodes.size()) {
            throw new IllegalArgumentException("two chaincodes of one name");
        }
        if (orgs.stream().filter(o -> o.role() == OrgRole.OPERATOR).count() != 1) {
            throw new IllegalArgumentException("exactly one organisation must have the OPERATOR role (it runs the peer)");
        }
        if (maxMessageCount < 1) {
            throw new IllegalArgumentException("maxMessageCount must be at least 1");
        }
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("port must be -1 (in-process only), 0 (any free port) or a TCP port");
        }
    }

    /** Operator and regulator organisations, channel {@code exchange}, no chaincode yet ({@link #withChaincode}). */
    public static DevnetConfig defaults(Path dataDir) {
        return new DevnetConfig(dataDir, -1, DEFAULT_CHANNEL, List.of(), List.of(
                new OrgSpec("OperatorMSP", "operator.exchange.local", OrgRole.OPERATOR),
                new OrgSpec("RegulatorMSP", "regulator.exchange.local", OrgRole.REGULATOR)),
                500, Duration.ofMillis(5));
    }

    public DevnetConfig withPort(int newPort) {
        return new DevnetConfig(dataDir, newPort, channelId, chaincodes, orgs, maxMessageCount, batchTimeout);
    }

    public DevnetConfig withBatching(int newMaxMessageCount, Duration newBatchTimeout) {
        return new DevnetConfig(dataDir, port, channelId, chaincodes, orgs, newMaxMessageCount, newBatchTimeout);
    }

    /** The same network with one more chaincode deployed on its channel. */
    public DevnetConfig withChaincode(String name, String version, org.hyperledger.fabric.shim.Chaincode chaincode) {
        List<ChaincodeDefinition> more = new java.util.ArrayList<>(chaincodes);
        more.add(new ChaincodeDefinition(name, version, chaincode));
        return new DevnetConfig(dataDir, port, channelId, more, orgs, maxMessageCount, batchTimeout);
    }

    /** The chaincode clients use by default (the first deployed), or null when none is. */
    public String defaultChaincode() {
        return chaincodes.isEmpty() ? null : chaincodes.get(0).name();
    }

    public OrgSpec operatorOrg() {
        return orgs.stream().filter(o -> o.role() == OrgRole.OPERATOR).findFirst().orElseThrow();
    }
}

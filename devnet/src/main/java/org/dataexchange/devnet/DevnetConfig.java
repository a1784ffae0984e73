package org.dataexchange.devnet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.dataexchange.devnet.crypto.OrgRole;
import org.dataexchange.devnet.crypto.OrgSpec;

/**
 * How a devnet runs.
 *
 * @param dataDir where blocks and crypto material live; everything survives restarts
 * @param port TCP port on 127.0.0.1 for the TLS gRPC endpoint; 0 picks a free one; -1 serves in-process only
 * @param maxMessageCount transactions per block at most (Fabric's BatchSize.MaxMessageCount)
 * @param batchTimeout how long a block waits to fill (Fabric's BatchTimeout)
 */
public record DevnetConfig(
        Path dataDir,
        int port,
        String channelId,
        String chaincodeName,
        List<OrgSpec> orgs,
        int maxMessageCount,
        Duration batchTimeout) {

    public static final String DEFAULT_CHANNEL = "exchange";
    public static final String DEFAULT_CHAINCODE = "settlement";
    public static final String CHAINCODE_VERSION = "1.0";

    public DevnetConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        orgs = List.copyOf(orgs);
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

    /** Operator and regulator organisations, channel {@code exchange}, contract {@code settlement}. */
    public static DevnetConfig defaults(Path dataDir) {
        return new DevnetConfig(dataDir, -1, DEFAULT_CHANNEL, DEFAULT_CHAINCODE, List.of(
                new OrgSpec("OperatorMSP", "operator.exchange.local", OrgRole.OPERATOR),
                new OrgSpec("RegulatorMSP", "regulator.exchange.local", OrgRole.REGULATOR)),
                500, Duration.ofMillis(5));
    }

    public DevnetConfig withPort(int newPort) {
        return new DevnetConfig(dataDir, newPort, channelId, chaincodeName, orgs, maxMessageCount, batchTimeout);
    }

    public DevnetConfig withBatching(int newMaxMessageCount, Duration newBatchTimeout) {
        return new DevnetConfig(dataDir, port, channelId, chaincodeName, orgs, newMaxMessageCount, newBatchTimeout);
    }

    public OrgSpec operatorOrg() {
        return orgs.stream().filter(o -> o.role() == OrgRole.OPERATOR).findFirst().orElseThrow();
    }
}

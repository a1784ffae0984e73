package org.dataexchange.settlementclient;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.dataexchange.devnet.ConnectionProfile;

/**
 * Where the settlement ledger is and who the client is on it.
 *
 * <p>Either a Fabric peer ({@link #peer}): its endpoint, the TLS CA certificate that signed its server
 * certificate, optionally the host name its certificate names, and the client's MSP id, certificate and
 * private key as PEM files (Fabric MSP folders hold them under {@code signcerts/} and {@code keystore/});
 * or an in-process devnet ({@link #inProcessDevnet}) under a data directory, whose generated identities are
 * used automatically for the role asked for.
 */
public record LedgerConnection(
        String endpoint,
        Path tlsCaCertPath,
        String hostnameOverride,
        String mspId,
        Path certPath,
        Path keyPath,
        String channel,
        String chaincode,
        Path devnetDataDir,
        Role devnetRole,
        Deadlines deadlines,
        RetryPolicy retry) {

    /** Which of a devnet's generated identities to act as. */
    public enum Role {
        OPERATOR,
        REGULATOR
    }

    /** A deadline per stage of a transaction. */
    public record Deadlines(Duration evaluate, Duration endorse, Duration submit, Duration commitStatus) {
        public static final Deadlines DEFAULT = new Deadlines(Duration.ofSeconds(10), Duration.ofSeconds(15),
                Duration.ofSeconds(10), Duration.ofMinutes(1));
    }

    /** How MVCC read conflicts are retried: the whole transaction again, with jittered exponential backoff. */
    public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(20), Duration.ofSeconds(1));

        public RetryPolicy {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
        }
    }

    public LedgerConnection {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(chaincode, "chaincode");
        deadlines = deadlines == null ? Deadlines.DEFAULT : deadlines;
        retry = retry == null ? RetryPolicy.DEFAULT : retry;
        if (devnetDataDir == null) {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(tlsCaCertPath, "tlsCaCertPath");
            Objects.requireNonNull(mspId, "mspId");
            Objects.requireNonNull(certPath, "certPath");
            Objects.requireNonNull(keyPath, "keyPath");
        } else {
            Objects.requireNonNull(devnetRole, "devnetRole");
        }
    }

    /** A Fabric peer's gateway endpoint ({@code host:port}) over TLS. */
    public static LedgerConnection peer(String endpoint, Path tlsCaCertPath, String hostnameOverride, String mspId,
                                        Path certPath, Path keyPath, String channel, String chaincode) {
        return new LedgerConnection(endpoint, tlsCaCertPath, hostnameOverride, mspId, certPath, keyPath, channel,
                chaincode, null, null, null, null);
    }

    /** A devnet run inside this process, shared by every client of the same data directory. */
    public static LedgerConnection inProcessDevnet(Path dataDir, Role role) {
        return new LedgerConnection(null, null, null, null, null, null, "exchange", "settlement", dataDir, role,
                null, null);
    }

    /** A standalone devnet (or any network described the same way) from its {@code connection.json}. */
    public static LedgerConnection fromConnectionProfile(Path connectionJson, Role role) throws IOException {
        ConnectionProfile profile = ConnectionProfile.read(connectionJson);
        ConnectionProfile.Identity id = profile.identities().stream()
                .filter(i -> i.role().equalsIgnoreCase(role.name()))
                .findFirst()
                .orElseThrow(() -> new IOException(connectionJson + " has no " + role + " identity"));
        return peer(profile.endpoint(), Path.of(profile.tlsCaCertPath()), profile.hostnameOverride(), id.mspId(),
                Path.of(id.certPath()), Path.of(id.keyPath()), profile.channel(), profile.chaincode());
    }

    public boolean isInProcessDevnet() {
        return devnetDataDir != null;
    }

    public LedgerConnection withDeadlines(Deadlines newDeadlines) {
        return new LedgerConnection(endpoint, tlsCaCertPath, hostnameOverride, mspId, certPath, keyPath, channel,
                chaincode, devnetDataDir, devnetRole, newDeadlines, retry);
    }

    public LedgerConnection withRetry(RetryPolicy newRetry) {
        return new LedgerConnection(endpoint, tlsCaCertPath, hostnameOverride, mspId, certPath, keyPath, channel,
                chaincode, devnetDataDir, devnetRole, deadlines, newRetry);
    }
}

package org.dataexchange.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.dataexchange.devnet.ConnectionProfile;
import org.dataexchange.devnet.Devnet;
import org.dataexchange.marketplace.ledger.LedgerConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench-ledger --connection-profile}: the benchmark drives an existing network through the peer gateway and
 * the operator identity its connection profile names, here a standalone devnet serving TLS on a loopback port.
 * Twice on the same ledger, as users measure their own network again and again.
 */
class LedgerBenchmarkNetworkTest {

    @TempDir
    Path data;

    @Test
    void measuresTheNetworkAConnectionProfileNamesAndCanRunAgainOnTheSameLedger() throws Exception {
        try (Devnet devnet = Devnet.start(new LedgerConnection.EmbeddedDevnet(data).devnetConfig().withPort(0))) {
            Path profile = data.resolve(ConnectionProfile.FILE_NAME);
            assertThat(profile).exists();
            for (int run = 0; run < 2; run++) {
                List<LedgerBenchmark.Result> results = LedgerBenchmark.measureNetwork(profile, 1, new int[] {2});
                assertThat(results).singleElement().satisfies(r -> {
                    assertThat(r.clients()).isEqualTo(2);
                    assertThat(r.committed()).isPositive();
                    assertThat(r.failed()).isZero();
                });
            }
            assertThat(devnet.port()).isPositive();
        }
    }
}

package org.dataexchange.devnet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -cp devnet.jar:CHAINCODE DevnetMain --data DIR --port PORT --chaincode NAME=CLASS}, used as another
 * tool would use it (here with the tests' own chaincode on the class path).
 */
class DevnetStandaloneIT {

    @TempDir
    Path data;

    @Test
    void theJarServesWritesConnectionJsonAndStopsCleanlyOnSigterm() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path log = data.resolve("devnet.log");
        Process devnet = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", Path.of("target", "devnet.jar") + java.io.File.pathSeparator + Path.of("target", "test-classes"),
                DevnetMain.class.getName(), "--data", data.resolve("net").toString(),
                "--port", Integer.toString(port), "--chaincode", RecordsChaincode.NAME + "=" + RecordsChaincode.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path json = data.resolve("net").resolve("connection.json");
            // connection.json appears once the devnet serves; a devnet that died stops the wait at once
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.exists(json) || !devnet.isAlive());
            assertThat(json).as(Files.exists(log) ? Files.readString(log) : "no log").exists();
            ConnectionProfile profile = ConnectionProfile.read(json);
            assertThat(profile.endpoint()).isEqualTo("127.0.0.1:" + port);

            ManagedChannel channel = Clients.tlsChannel(profile);
            try (Gateway gw = Clients.gateway(channel, profile, "operator")) {
                Contract c = gw.getNetwork(profile.channel()).getContract(profile.chaincode());
                c.submitTransaction("Put", "product/wx", "{\"status\":\"LISTED\"}");
                assertThat(new String(c.evaluateTransaction("Get", "product/wx"), UTF_8)).contains("LISTED");
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } finally {
            devnet.destroy(); // SIGTERM
            assertThat(devnet.waitFor(20, TimeUnit.SECONDS)).as("devnet stops within 20 s of SIGTERM").isTrue();
        }
        assertThat(Files.readString(log)).contains("serving TLS on 127.0.0.1:" + port);
        assertThat(devnet.exitValue()).as(Files.readString(log)).isIn(0, 143);
    }
}

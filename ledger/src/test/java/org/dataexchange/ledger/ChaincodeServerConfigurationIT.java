package org.dataexchange.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged contract server refuses a configuration that would fail every transaction: with the operator's and
 * the regulator's MSP ids equal it exits at start, saying why, instead of passing a deploy's probe and answering
 * every transaction with a bare status 500.
 */
class ChaincodeServerConfigurationIT {

    @Test
    void refusesToStartWhenOperatorAndRegulatorShareOneMsp() throws Exception {
        Path jar = Path.of("target", "settlement-chaincode.jar");
        assertThat(jar).as("the shaded chaincode jar is built in the package phase").exists();
        Path log = Files.createTempFile("chaincode-server", ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString());
        pb.environment().put("CHAINCODE_SERVER_ADDRESS", "127.0.0.1:" + freePort());
        pb.environment().put("CORE_CHAINCODE_ID_NAME", "settlement_1.0:0123456789abcdef");
        pb.environment().put("EXCHANGE_OPERATOR_MSP_ID", "ExchangeMSP");
        pb.environment().put("EXCHANGE_REGULATOR_MSP_ID", "ExchangeMSP");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process server = pb.start();
        try {
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server exits by itself; its log:\n%s",
                    Files.readString(log)).isTrue();
            assertThat(server.exitValue()).isEqualTo(SettlementServer.CONFIGURATION_REFUSED);
            assertThat(Files.readString(log))
                    .contains("refusing to start")
                    .contains("the operator and regulator MSP ids must differ, both are ExchangeMSP")
                    .contains("EXCHANGE_OPERATOR_MSP_ID").contains("EXCHANGE_REGULATOR_MSP_ID");
        } finally {
            server.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

package org.dataexchange.marketplace.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dataexchange.marketplace.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exchange, unchanged, on a real three-organisation Hyperledger Fabric 2.5 network brought up by
 * {@code network/fabric-network.sh} from the binaries in {@code FABRIC_BIN}: a purchase settles (endorsed by the
 * operator's and the regulator's peers), its certificate verifies, the regulator's views read the regulator's own
 * peer (they still answer with the operator's peer stopped), the block view decodes the lifecycle's approvals, and
 * chain verification and reconciliation pass. Skipped, saying so, when {@code FABRIC_BIN} is not set: Fabric's
 * binaries are in no registry this build reaches.
 */
class FabricNetworkIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static Path networkDir;
    private static Path scriptLog;
    private static String fabricBin;
    private static int portBase;
    private static ApplicationContext exchange;
    private static HttpClient http;

    @BeforeAll
    static void networkUp() throws Exception {
        fabricBin = System.getenv("FABRIC_BIN");
        if (fabricBin == null || fabricBin.isBlank()) {
            String reason = "FabricNetworkIT SKIPPED: FABRIC_BIN is not set. Set it to the bin/ folder of Hyperledger Fabric"
                    + " 2.5's released binaries to run the exchange on a real three-organisation network (network/README.md).";
            System.out.println(reason);
            Assumptions.abort(reason);
        }
        networkDir = Files.createTempDirectory("fabric-network");
        scriptLog = networkDir.resolveSibling(networkDir.getFileName() + ".log");
        portBase = freePortBlock(20);
        network("up");
        Path profiles = networkDir.resolve("net").resolve("profiles");
        Map<String, Object> properties = new HashMap<>(ApiClient.testProperties("fabric-network-it",
                // the demo data registered on this Fabric network, not copied from the devnet's template
                org.dataexchange.marketplace.DemoTemplate.SWITCH, "false",
                "exchange.ledger.connection-profile", profiles.resolve("operator.json").toString(),
                "exchange.ledger.regulator-connection-profile", profiles.resolve("regulator.json").toString()));
        exchange = ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext();
        http = exchange.createBean(HttpClient.class, exchange.getBean(EmbeddedServer.class).getURL());
    }

    @AfterAll
    static void networkDown() throws Exception {
        if (http != null) {
            http.close();
        }
        if (exchange != null) {
            exchange.close();
        }
        if (networkDir != null) {
            network("down");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theExchangeSettlesVerifiesAndIsSupervisedOnTheThreeOrganisationNetwork() throws Exception {
        ApiClient api = new ApiClient(http);
        Map<String, Object> product = api.listed("土壤墒情监测");
        String orderId = api.buySettled(product, "one-off", "农业保险 crop insurance");
        Map<String, Object> order = api.json("demo-buyer", HttpRequest.GET("/api/orders/" + orderId));

        Map<String, Object> verification = api.json(null,
                HttpRequest.GET("/api/certificates/" + order.get("certificateId") + "/verify"));
        assertThat(verification.get("valid")).as(verification.toString()).isEqualTo(true);
        assertThat(verification.get("onLedger")).isEqualTo(true);

        Map<String, Object> tx = api.json("demo-regulator",
                HttpRequest.GET("/api/regulator/transactions/" + order.get("transactionId")));
        assertThat(tx.get("function")).isEqualTo("SettleTrades");
        assertThat(tx.get("validationCode")).isEqualTo("VALID");
        assertThat(tx.get("creatorMspId")).isEqualTo("OperatorMSP");

        // Blocks 1 to 3 hold the lifecycle's two approvals and its commit: their protobuf arguments are decoded.
        List<String> lifecycleArguments = new ArrayList<>();
        for (int number = 1; number <= 3; number++) {
            Map<String, Object> block = api.json("demo-regulator", HttpRequest.GET("/api/regulator/blocks/" + number));
            for (Map<String, Object> t : (List<Map<String, Object>>) block.get("transactions")) {
                if ("_lifecycle".equals(t.get("chaincode"))) {
                    lifecycleArguments.addAll((List<String>) t.get("arguments"));
                }
            }
        }
        assertThat(lifecycleArguments).anySatisfy(a -> assertThat(a)
                .startsWith("protobuf lifecycle.ApproveChaincodeDefinitionForMyOrgArgs {").contains("name: \"settlement\""));

        assertThat(api.json("demo-regulator", HttpRequest.GET("/api/regulator/chain/verify")).get("valid")).isEqualTo(true);
        Map<String, Object> reconciliation = api.json("demo-regulator", HttpRequest.GET("/api/regulator/reconciliation"));
        assertThat((List<?>) reconciliation.get("differences")).as(reconciliation.toString()).isEmpty();

        // The regulator reads its own peer's copy: with the operator's peer stopped, its views still answer.
        network("stop-operator-peer");
        Map<String, Object> trades = api.json("demo-regulator",
                HttpRequest.GET("/api/regulator/trades?product=" + product.get("id")));
        assertThat(trades.toString()).contains(orderId);
        assertThat(api.json("demo-regulator", HttpRequest.GET("/api/regulator/chain/verify")).get("valid")).isEqualTo(true);
    }

    /** Runs {@code network/fabric-network.sh} on this test's network (or stops the operator's peer by its pid). */
    private static void network(String command) throws Exception {
        if (command.equals("stop-operator-peer")) {
            long pid = Long.parseLong(Files.readString(networkDir.resolve("net/pids/peer-operator.pid")).trim());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
            return;
        }
        ProcessBuilder pb = new ProcessBuilder("bash", ROOT.resolve("network/fabric-network.sh").toString(), command);
        pb.environment().put("FABRIC_BIN", fabricBin);
        pb.environment().put("EXCHANGE_NETWORK_DIR", networkDir.resolve("net").toString());
        pb.environment().put("EXCHANGE_NETWORK_PORT_BASE", Integer.toString(portBase));
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(scriptLog.toFile()));
        Process p = pb.start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("fabric-network.sh " + command + " did not finish in 15 minutes:\n"
                    + Files.readString(scriptLog));
        }
        assertThat(p.exitValue()).as("fabric-network.sh %s:\n%s", command, Files.readString(scriptLog)).isZero();
    }

    /** The first of {@code size} consecutive loopback ports that are all free now. */
    private static int freePortBlock(int size) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                first = s.getLocalPort();
            }
            if (first + size > 65535) {
                continue;
            }
            boolean free = true;
            for (int port = first; port < first + size && free; port++) {
                try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    s.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
        throw new IOException("no block of " + size + " free loopback ports");
    }
}

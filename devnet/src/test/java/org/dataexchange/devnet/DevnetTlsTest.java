package org.dataexchange.devnet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TCP endpoint: TLS with devnet's own CA on 127.0.0.1, reached from connection.json alone. */
class DevnetTlsTest {

    @TempDir
    Path data;

    @Test
    void aClientWithOnlyConnectionJsonSubmitsAndEvaluatesOverTls() throws Exception {
        try (Devnet devnet = Devnet.start(RecordsChaincode.config(data).withPort(0))) {
            Path json = data.resolve("connection.json");
            assertThat(json).exists();
            ConnectionProfile profile = ConnectionProfile.read(json);
            assertThat(profile.endpoint()).isEqualTo("127.0.0.1:" + devnet.port());
            assertThat(profile.channel()).isEqualTo("exchange");
            assertThat(profile.chaincode()).isEqualTo(RecordsChaincode.NAME);
            assertThat(profile.identities()).extracting(ConnectionProfile.Identity::role)
                    .containsExactlyInAnyOrder("operator", "regulator");
            for (ConnectionProfile.Identity id : profile.identities()) {
                assertThat(Path.of(id.certPath())).isAbsolute().exists();
                assertThat(Files.readString(Path.of(id.keyPath()))).startsWith("-----BEGIN PRIVATE KEY-----");
            }

            ManagedChannel channel = Clients.tlsChannel(profile);
            try (Gateway operator = Clients.gateway(channel, profile, "operator");
                 Gateway regulator = Clients.gateway(channel, profile, "regulator")) {
                Contract contract = operator.getNetwork(profile.channel()).getContract(profile.chaincode());
                Status status = contract.newProposal("Put").addArguments("product/wx", "{\"productId\":\"wx\"}")
                        .build().endorse().submitAsync().getStatus();
                assertThat(status.isSuccessful()).isTrue();
                String product = new String(regulator.getNetwork(profile.channel()).getContract(profile.chaincode())
                        .evaluateTransaction("Get", "product/wx"), UTF_8);
                assertThat(product).contains("\"productId\":\"wx\"");
                BlockchainInfo info = BlockchainInfo.parseFrom(regulator.getNetwork(profile.channel()).getContract("qscc")
                        .evaluateTransaction("GetChainInfo", profile.channel()));
                assertThat(info.getHeight()).isEqualTo(status.getBlockNumber() + 1);
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }
}

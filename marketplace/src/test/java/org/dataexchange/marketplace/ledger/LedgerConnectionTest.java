package org.dataexchange.marketplace.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dataexchange.devnet.ConnectionProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which ledger the configuration names, for the operator and for the regulator. */
class LedgerConnectionTest {

    @TempDir
    Path dir;

    @Test
    void nothingConfiguredIsTheEmbeddedDevnetUnderTheDataDirectoryForBothRoles() throws IOException {
        LedgerProperties none = new LedgerProperties(null, null);
        for (LedgerConnection.Role role : LedgerConnection.Role.values()) {
            assertThat(LedgerConnection.configured(none, dir, role))
                    .isEqualTo(new LedgerConnection.EmbeddedDevnet(dir.resolve("ledger")));
        }
        // an empty setting (EXCHANGE_LEDGER_CONNECTION_PROFILE= in a shell) is no setting
        assertThat(LedgerConnection.configured(new LedgerProperties(Path.of(""), null), dir, LedgerConnection.Role.OPERATOR))
                .isInstanceOf(LedgerConnection.EmbeddedDevnet.class);
        assertThat(new LedgerConnection.EmbeddedDevnet(dir).devnetConfig().chaincodes())
                .extracting(c -> c.name() + ":" + c.version()).containsExactly("settlement:1.0");
    }

    @Test
    void aConnectionProfileIsAGatewayPeerActingAsTheRolesIdentityAndTheRegulatorMayHaveItsOwn() throws IOException {
        Path shared = profile("shared", "peer0:7051");
        Path regulators = profile("regulator-org", "peer0.regulator:9051");

        LedgerProperties one = new LedgerProperties(shared, null);
        var operator = (LedgerConnection.GatewayPeer) LedgerConnection.configured(one, dir, LedgerConnection.Role.OPERATOR);
        assertThat(operator.endpoint()).isEqualTo("peer0:7051");
        assertThat(operator.mspId()).isEqualTo("OperatorMSP");
        assertThat(operator.cert()).isEqualTo(dir.resolve("shared/operator.pem"));
        assertThat(operator.hostnameOverride()).isEqualTo("peer0.operator.example.com");
        assertThat(operator.channel() + "/" + operator.chaincode()).isEqualTo("exchange/settlement");
        var regulator = (LedgerConnection.GatewayPeer) LedgerConnection.configured(one, dir, LedgerConnection.Role.REGULATOR);
        assertThat(regulator.mspId()).isEqualTo("RegulatorMSP");
        assertThat(regulator.key()).isEqualTo(dir.resolve("shared/regulator.key"));

        LedgerProperties two = new LedgerProperties(shared, regulators);
        assertThat(((LedgerConnection.GatewayPeer) LedgerConnection.configured(two, dir, LedgerConnection.Role.REGULATOR))
                .endpoint()).isEqualTo("peer0.regulator:9051");
        assertThat(((LedgerConnection.GatewayPeer) LedgerConnection.configured(two, dir, LedgerConnection.Role.OPERATOR))
                .endpoint()).isEqualTo("peer0:7051");
    }

    @Test
    void aProfileWithoutTheRolesIdentityIsRefusedWithItsName() throws IOException {
        Path operatorOnly = dir.resolve("operator-only");
        java.nio.file.Files.createDirectories(operatorOnly);
        new ConnectionProfile("peer0:7051", null, "/ca.crt", "exchange", "settlement", List.of(
                new ConnectionProfile.Identity("OperatorMSP", "operator", "/op.pem", "/op.key"))).writeTo(operatorOnly);
        Path json = operatorOnly.resolve(ConnectionProfile.FILE_NAME);
        assertThatThrownBy(() -> LedgerConnection.configured(new LedgerProperties(json, null), dir,
                LedgerConnection.Role.REGULATOR)).isInstanceOf(IOException.class).hasMessageContaining("no REGULATOR identity");
    }

    private Path profile(String name, String endpoint) throws IOException {
        Path d = dir.resolve(name);
        java.nio.file.Files.createDirectories(d);
        new ConnectionProfile(endpoint, "peer0.operator.example.com", d.resolve("ca.crt").toString(), "exchange",
                "settlement", List.of(
                new ConnectionProfile.Identity("OperatorMSP", "operator", d.resolve("operator.pem").toString(),
                        d.resolve("operator.key").toString()),
                new ConnectionProfile.Identity("RegulatorMSP", "regulator", d.resolve("regulator.pem").toString(),
                        d.resolve("regulator.key").toString()))).writeTo(d);
        return d.resolve(ConnectionProfile.FILE_NAME);
    }
}

package org.dataexchange.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code network/package-chaincode.sh}: a TLS package carries the CA certificate the peer checks the contract's
 * certificate against ({@code root_cert}), and without one the script refuses, saying what to set.
 */
class ChaincodePackageIT {

    private static final Path SCRIPT = Path.of("..", "network", "package-chaincode.sh").toAbsolutePath().normalize();
    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVqgAwIBAgIRAN0test\n-----END CERTIFICATE-----\n";

    @TempDir
    Path dir;

    @Test
    void aTlsPackageCarriesTheRootCertificateInItsConnectionJson() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.crt"), PEM);
        Path out = dir.resolve("settlement_tls.tar.gz");
        Result r = run(Map.of("CHAINCODE_TLS", "true", "CHAINCODE_TLS_ROOT_CERT", ca.toString(),
                "CHAINCODE_ADDRESS", "127.0.0.1:9999", "CHAINCODE_LABEL", "settlement_tls",
                "CHAINCODE_PACKAGE_OUT", out.toString()));
        assertThat(r.exit()).as(r.output()).isZero();

        JsonNode connection = new ObjectMapper().readTree(extract(out, "code.tar.gz", "connection.json"));
        assertThat(connection.get("address").asText()).isEqualTo("127.0.0.1:9999");
        assertThat(connection.get("tls_required").asBoolean()).isTrue();
        assertThat(connection.get("root_cert").asText()).isEqualTo(PEM);
        assertThat(connection.has("client_auth_required")).isFalse();
        JsonNode metadata = new ObjectMapper().readTree(extract(out, null, "metadata.json"));
        assertThat(metadata.get("type").asText()).isEqualTo("ccaas");
        assertThat(metadata.get("label").asText()).isEqualTo("settlement_tls");
    }

    @Test
    void tlsWithoutARootCertificateIsRefusedWithWhatToSet() throws Exception {
        Result r = run(Map.of("CHAINCODE_TLS", "true", "CHAINCODE_PACKAGE_OUT", dir.resolve("x.tar.gz").toString()));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.output()).contains("CHAINCODE_TLS=true needs CHAINCODE_TLS_ROOT_CERT");
        assertThat(dir.resolve("x.tar.gz")).doesNotExist();
    }

    private record Result(int exit, String output) {}

    private Result run(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString());
        pb.environment().putAll(env);
        Path log = dir.resolve("script.log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), Files.readString(log));
    }

    /** A file of the package (inside its inner code.tar.gz when {@code inner} is given), by the system's tar. */
    private String extract(Path pkg, String inner, String file) throws Exception {
        Path work = Files.createTempDirectory(dir, "unpacked");
        exec(work, "tar", "-xzf", pkg.toString());
        if (inner != null) {
            exec(work, "tar", "-xzf", inner);
        }
        return Files.readString(work.resolve(file));
    }

    private static void exec(Path in, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(in.toFile()).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }
}

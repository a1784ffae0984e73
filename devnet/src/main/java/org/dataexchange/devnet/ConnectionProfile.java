package org.dataexchange.devnet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code connection.json}: what any Fabric client needs to reach a standalone devnet. Paths are absolute;
 * keys are PKCS#8 PEM. Other tools of the project read this file.
 */
public record ConnectionProfile(
        String endpoint,
        String hostnameOverride,
        String tlsCaCertPath,
        String channel,
        String chaincode,
        List<Identity> identities) {

    /** An identity of an organisation: its MSP, what it is for, and its PEM certificate and key. */
    public record Identity(String mspId, String role, String certPath, String keyPath) {}

    public static final String FILE_NAME = "connection.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Path writeTo(Path dir) throws IOException {
        Path target = dir.resolve(FILE_NAME);
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    public static ConnectionProfile read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), ConnectionProfile.class);
    }
}

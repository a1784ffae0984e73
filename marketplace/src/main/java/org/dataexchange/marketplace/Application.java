package org.dataexchange.marketplace;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The exchange service. All state lives under {@code exchange.data-dir} (env {@code EXCHANGE_DATA_DIR}). */
@OpenAPIDefinition(info = @Info(title = "Data-element exchange API", version = "0.1",
        description = "Catalogue, licences, listing review and accounts of the data-element exchange. Log in with"
                + " POST /api/auth/login {username, password} and send the access_token as a bearer token."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class Application {

    private Application() {}

    public static void main(String[] args) throws IOException {
        Path dataDir = Path.of(firstNonBlank(System.getProperty("exchange.data-dir"), System.getenv("EXCHANGE_DATA_DIR"), "./data"));
        System.setProperty("exchange.jwt-secret", jwtSecret(dataDir));
        Micronaut.build(args).mainClass(Application.class).start();
    }

    /**
     * The key that signs login tokens: {@code EXCHANGE_JWT_SECRET} when set (several instances must share it),
     * otherwise a random one kept under the data directory so tokens survive a restart.
     */
    public static String jwtSecret(Path dataDir) throws IOException {
        String configured = System.getenv("EXCHANGE_JWT_SECRET");
        if (configured != null && configured.length() >= 32) {
            return configured;
        }
        Path file = dataDir.resolve("jwt.secret");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        Files.createDirectories(dataDir);
        byte[] key = new byte[48];
        new SecureRandom().nextBytes(key);
        String secret = Base64.getEncoder().encodeToString(key);
        Files.writeString(file, secret);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort
        }
        return secret;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}

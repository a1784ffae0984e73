package org.dataexchange.marketplace.account;

import io.micronaut.context.annotation.Factory;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret that signs login tokens, resolved once from {@link Secrets}: the configured one when it is long enough,
 * otherwise a random one kept under the data directory (so tokens survive a restart). It reaches the JWT signer as a
 * bean, never through a system property.
 */
@Singleton
public final class TokenSecret {

    private final String value;

    TokenSecret(Secrets secrets) {
        this.value = resolve(secrets);
    }

    /** The secret's text; other keys derive from it (download links), so a link cannot become a token. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return "TokenSecret[***]";
    }

    static String resolve(Secrets secrets) {
        String configured = secrets.jwtSecret();
        if (configured != null && configured.length() >= Secrets.MIN_LENGTH) {
            return configured;
        }
        try {
            Path dataDir = Path.of(secrets.dataDir());
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
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the token secret under " + secrets.dataDir(), e);
        }
    }

    /** The JWT signer and validator (HS256) with this secret, in place of a secret in the security configuration. */
    @Factory
    static class Signing {
        // Typed as the interface: a bean typed SecretSignature would take on that class's own bean annotations
        // (@EachBean of a configured secret), and with no such configuration there would be no signer.
        @Singleton
        @Named("generator")
        SignatureGeneratorConfiguration generator(TokenSecret secret) {
            SecretSignatureConfiguration configuration = new SecretSignatureConfiguration("generator");
            configuration.setSecret(secret.value());
            return new SecretSignature(configuration);
        }
    }
}

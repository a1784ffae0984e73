package org.dataexchange.marketplace.account;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** bcrypt (Bouncy Castle's OpenBSD implementation, already on the class path for the ledger's crypto). */
@Singleton
final class PasswordHasher {

    private final SecureRandom random = new SecureRandom();
    private final int cost;
    private final String decoy;

    public PasswordHasher(@Value("${exchange.password-cost:12}") int cost) {
        this.cost = cost;
        this.decoy = hash("decoy password for unknown usernames");
    }

    /** A hash to check against when the username is unknown, so both paths cost the same. */
    public String decoyHash() {
        return decoy;
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", password.getBytes(StandardCharsets.UTF_8), salt, cost);
    }

    public boolean matches(String password, String hash) {
        return hash != null && OpenBSDBCrypt.checkPassword(hash, password.getBytes(StandardCharsets.UTF_8));
    }
}

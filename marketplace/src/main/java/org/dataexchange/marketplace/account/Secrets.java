package org.dataexchange.marketplace.account;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The service's secrets as configured: {@code exchange.jwt-secret} (env {@code EXCHANGE_JWT_SECRET}), the key that signs
 * login tokens and from which download links derive theirs. Several instances must share it; unset (or shorter than
 * 32 characters), {@link TokenSecret} keeps a random one under {@code exchange.data-dir}.
 */
@ConfigurationProperties("exchange")
record Secrets(@Nullable String jwtSecret, @Bindable(defaultValue = "./data") String dataDir) {

    /** Shorter than this, a configured secret is not used (HMAC-SHA256 wants 256 bits). */
    public static final int MIN_LENGTH = 32;

    @Override
    public String toString() {
        return "Secrets[jwtSecret=" + (jwtSecret == null ? "unset" : "***") + ", dataDir=" + dataDir + "]";
    }
}

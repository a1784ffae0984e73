package org.dataexchange.marketplace.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jwt.JWT;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * Bearer tokens already verified, kept until they expire. A signed token says the same on every request, so its
 * signature and claims are checked once: the HMAC, the parsing and the claim checks of the JWT validator were a
 * twentieth of the CPU an order costs. First among the token validators; a token not kept goes to the JWT validator,
 * and only a token it accepts, with an expiry, is kept. Time is the system clock, as the JWT validator's.
 */
@Singleton
class VerifiedTokens implements TokenValidator<HttpRequest<?>> {

    private final ReactiveJsonWebTokenValidator<JWT, HttpRequest<?>> jwt;
    private final Cache<String, Verified> verified = Caffeine.newBuilder().maximumSize(10_000).executor(Runnable::run).build();

    private record Verified(Authentication authentication, Instant expiresAt) {}

    public VerifiedTokens(ReactiveJsonWebTokenValidator<JWT, HttpRequest<?>> jwt) {
        this.jwt = jwt;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        Verified kept = verified.getIfPresent(token);
        if (kept != null) {
            if (Instant.now().isBefore(kept.expiresAt())) {
                return Publishers.just(kept.authentication());
            }
            verified.invalidate(token);
        }
        return Publishers.then(jwt.validateToken(token, request), authentication -> expiry(authentication)
                .filter(Instant.now()::isBefore)
                .ifPresent(expiresAt -> verified.put(token, new Verified(authentication, expiresAt))));
    }

    /** Before the JWT validator. */
    @Override
    public int getOrder() {
        return -100;
    }

    private static Optional<Instant> expiry(Authentication authentication) {
        Object exp = authentication.getAttributes().get("exp");
        if (exp instanceof Date date) {
            return Optional.of(date.toInstant());
        }
        if (exp instanceof Instant instant) {
            return Optional.of(instant);
        }
        if (exp instanceof Number seconds) {
            return Optional.of(Instant.ofEpochSecond(seconds.longValue()));
        }
        return Optional.empty();
    }
}

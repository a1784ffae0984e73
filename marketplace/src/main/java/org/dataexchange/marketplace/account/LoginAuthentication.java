package org.dataexchange.marketplace.account;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Checks a username and password on the blocking pool (bcrypt is slow on purpose). The token carries the
 * role and the organisation, which endpoints use to admit and scope requests.
 */
@Singleton
final class LoginAuthentication<B> implements HttpRequestExecutorAuthenticationProvider<B> {

    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final org.dataexchange.marketplace.audit.AuditLog audit;
    private final SignInThrottle throttle;
    private final HttpClientAddressResolver addresses;

    public LoginAuthentication(AccountRepository accounts, PasswordHasher hasher,
                               org.dataexchange.marketplace.audit.AuditLog audit, SignInThrottle throttle,
                               HttpClientAddressResolver addresses) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.audit = audit;
        this.throttle = throttle;
        this.addresses = addresses;
    }

    /** bcrypt blocks for a quarter second: never on an event-loop thread. */
    @Override
    public String getExecutorName() {
        return TaskExecutors.BLOCKING;
    }

    @Override
    public @NonNull AuthenticationResponse authenticate(HttpRequest<B> request,
                                                        @NonNull AuthenticationRequest<String, String> credentials) {
        String address = addresses.resolve(request);
        // Locked (too many wrong passwords): refused with 429 before any password is checked, the right one too.
        throttle.requireNotLocked(credentials.getIdentity(), address);
        var account = accounts.findByUsername(credentials.getIdentity());
        // Unknown users cost a hash too, so response time does not reveal which usernames exist.
        String hash = account.map(Account::passwordHash).orElse(hasher.decoyHash());
        boolean matches = hasher.matches(credentials.getSecret(), hash);
        if (account.isPresent() && matches) {
            Account a = account.get();
            throttle.succeeded(a.username());
            audit.record(a.username(), a.role().name(), "LOGIN", "account:" + a.id(), "signed in");
            return AuthenticationResponse.success(a.username(), List.of(a.role().name()),
                    Map.of("organisationId", a.organisationId(), "accountId", a.id()));
        }
        throttle.failed(credentials.getIdentity(), address);
        String tried = credentials.getIdentity().length() > 64 ? credentials.getIdentity().substring(0, 64) : credentials.getIdentity();
        audit.record(tried, "NONE", "LOGIN_FAILED", "account:" + tried,
                "wrong username or password");
        return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
    }
}

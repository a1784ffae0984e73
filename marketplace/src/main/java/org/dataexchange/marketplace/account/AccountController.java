package org.dataexchange.marketplace.account;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

/** Sign-up and the caller's own account. Login itself is {@code POST /api/auth/login} (Micronaut Security). */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class AccountController {

    private final AccountService accounts;

    public AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    @Post("/auth/register")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<AccountView> register(@Body @Valid Registration registration) {
        try {
            return HttpResponse.created(accounts.register(registration));
        } catch (io.micronaut.data.exceptions.DataAccessException race) {
            // Sign-ups with one username (or credit code) at the same moment: the unique index lets one through.
            throw org.dataexchange.marketplace.problem.ApiProblem.conflict("Username taken", "the username '"
                    + registration.username() + "' or the organisation's credit code was registered at the same moment by"
                    + " another request");
        }
    }

    @Get("/me")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public AccountView me(Authentication authentication) {
        return accounts.view(authentication.getName());
    }
}

package org.dataexchange.marketplace.account;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.UUID;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.marketplace.organisation.CreditCode;
import org.dataexchange.marketplace.organisation.Organisation;
import org.dataexchange.marketplace.organisation.OrganisationKind;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;

/** Sign-up and account lookups, with the rules of who may be what on the exchange. */
@Singleton
public class AccountService {

    private final AccountRepository accounts;
    private final OrganisationDirectory organisations;
    private final PasswordHasher hasher;

    public AccountService(AccountRepository accounts, OrganisationDirectory organisations, PasswordHasher hasher) {
        this.accounts = accounts;
        this.organisations = organisations;
        this.hasher = hasher;
    }

    /**
     * Registers a merchant or buyer with a new organisation. The operator and the regulator are not signed up
     * here, and a credit code already on the exchange cannot be claimed again (joining an organisation needs
     * its consent), which also keeps the operator from opening a merchant organisation under its own code.
     */
    @Transactional
    public AccountView register(Registration r) {
        if (r.role() != Role.MERCHANT && r.role() != Role.BUYER) {
            throw ApiProblem.invalidField("role", "only MERCHANT and BUYER accounts can sign up; the operator and"
                    + " regulator accounts are created by the exchange");
        }
        String code = r.organisation().creditCode().trim().toUpperCase(java.util.Locale.ROOT);
        CreditCode.problem(code).ifPresent(problem -> {
            throw ApiProblem.invalidField("organisation.creditCode", "'" + r.organisation().creditCode()
                    + "' is not a valid unified social credit code: " + problem);
        });
        if (accounts.existsByUsername(r.username())) {
            throw ApiProblem.conflict("Username taken", "the username '" + r.username() + "' is already registered");
        }
        organisations.withCreditCode(code).ifPresent(existing -> {
            if (existing.kind() == OrganisationKind.OPERATOR || existing.kind() == OrganisationKind.REGULATOR) {
                throw ApiProblem.conflict("Operator and regulator cannot trade", "the credit code " + code
                        + " belongs to the exchange's " + existing.kind().name().toLowerCase(java.util.Locale.ROOT)
                        + ", which may not act as a merchant or buyer");
            }
            throw ApiProblem.conflict("Organisation already registered", "an organisation with credit code " + code
                    + " is already on the exchange; ask its administrator for an account");
        });
        Instant now = Instant.now();
        Organisation org = organisations.register(new Organisation(UUID.randomUUID().toString(), r.organisation().name().trim(),
                code, r.role() == Role.MERCHANT ? OrganisationKind.MERCHANT : OrganisationKind.BUYER, now));
        Account account = accounts.save(new Account(UUID.randomUUID().toString(), r.username(), hasher.hash(r.password()),
                r.role(), org.id(), now));
        return new AccountView(account.id(), account.username(), account.role(), org);
    }

    /** Creates an account for an organisation of the matching kind (used for the exchange's own staff and demo data). */
    @Transactional
    public AccountView createStaff(String username, String password, Role role, Organisation org) {
        OrganisationKind expected = OrganisationKind.valueOf(role.name());
        if (org.kind() != expected) {
            throw new IllegalArgumentException("a " + role + " account must belong to a " + expected + " organisation");
        }
        Organisation saved = organisations.withCreditCode(org.creditCode()).orElseGet(() -> organisations.register(org));
        Account account = accounts.findByUsername(username).orElseGet(() -> accounts.save(new Account(
                UUID.randomUUID().toString(), username, hasher.hash(password), role, saved.id(), Instant.now())));
        return new AccountView(account.id(), account.username(), account.role(), saved);
    }

    public AccountView view(String username) {
        Account a = accounts.findByUsername(username).orElseThrow(() -> ApiProblem.notFound("no account " + username));
        return new AccountView(a.id(), a.username(), a.role(), organisations.find(a.organisationId()).orElseThrow());
    }

    /** The user name of an account, for what people read (the audit log); empty for an unknown id. */
    public java.util.Optional<String> usernameOf(String accountId) {
        return accounts.findById(accountId).map(Account::username);
    }
}

package org.dataexchange.marketplace.organisation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Who is who, for the hot paths: an organisation's credit code and the organisation holding a credit code. Both are
 * fixed once an organisation is registered (organisations are never changed or removed), so answers are kept; an
 * unknown credit code is not, since its organisation may register later. A party id that is no credit code at all (the
 * platform, a named contributor) is answered without a lookup.
 */
@Singleton
public class OrganisationDirectory {

    private final OrganisationRepository organisations;
    private final Cache<String, String> creditCodes = Caffeine.newBuilder().maximumSize(10_000).executor(Runnable::run).build();
    private final Cache<String, String> holders = Caffeine.newBuilder().maximumSize(10_000).executor(Runnable::run).build();

    public OrganisationDirectory(OrganisationRepository organisations) {
        this.organisations = organisations;
    }

    /** The credit code of a registered organisation. */
    public String creditCodeOf(String organisationId) {
        return creditCodes.get(organisationId, id -> organisations.findById(id)
                .orElseThrow(() -> new IllegalStateException("no organisation " + id)).creditCode());
    }

    /** The organisation registered with this credit code, if there is one. */
    public Optional<String> holderOf(String creditCode) {
        if (!CreditCode.isValid(creditCode)) {
            return Optional.empty();
        }
        String kept = holders.getIfPresent(creditCode);
        if (kept != null) {
            return Optional.of(kept);
        }
        Optional<String> found = organisations.findByCreditCode(creditCode).map(Organisation::id);
        found.ifPresent(id -> holders.put(creditCode, id));
        return found;
    }

    /** A registered organisation, as registered. */
    public Optional<Organisation> find(String organisationId) {
        return organisations.findById(organisationId);
    }

    /** The organisation registered with this credit code, as registered. */
    public Optional<Organisation> withCreditCode(String creditCode) {
        return organisations.findByCreditCode(creditCode);
    }

    /** Registers a new organisation; organisations are never changed or removed afterwards. */
    public Organisation register(Organisation organisation) {
        return organisations.save(organisation);
    }

    /** Every registered organisation (for indexing at start-up). */
    public Iterable<Organisation> all() {
        return organisations.findAll();
    }
}

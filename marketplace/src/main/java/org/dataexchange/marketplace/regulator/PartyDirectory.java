package org.dataexchange.marketplace.regulator;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.dataexchange.marketplace.organisation.OrganisationKind;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;

/**
 * Who the ledger's parties are: the ledger names buyers and sellers by unified social credit code only (nothing
 * personal goes on it), so the regulator's screens put each code beside the registered organisation's name. A
 * directory of registered organisations, not the exchange's books.
 */
@Controller("/api/regulator/parties")
@Secured("REGULATOR")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PartyDirectory {

    @Serdeable
    public record Party(String creditCode, String name, OrganisationKind kind) {}

    private final OrganisationDirectory organisations;

    public PartyDirectory(OrganisationDirectory organisations) {
        this.organisations = organisations;
    }

    @Get
    public List<Party> parties() {
        List<Party> out = new ArrayList<>();
        organisations.all().forEach(o -> out.add(new Party(o.creditCode(), o.name(), o.kind())));
        out.sort(Comparator.comparing(Party::creditCode));
        return out;
    }
}

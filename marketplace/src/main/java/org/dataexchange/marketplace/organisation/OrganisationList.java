package org.dataexchange.marketplace.organisation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.StreamSupport;

/** The organisations on the exchange as the operator sees them: filtered by kind or by name or credit code. */
@Controller("/api/operator/organisations")
@Secured("OPERATOR")
@ExecuteOn(TaskExecutors.BLOCKING)
public class OrganisationList {

    /** The organisations that match, by name, and how many of each kind there are (whatever the filter). */
    @Serdeable
    public record Organisations(List<Organisation> content, Map<OrganisationKind, Long> counts) {}

    private final OrganisationRepository organisations;

    public OrganisationList(OrganisationRepository organisations) {
        this.organisations = organisations;
    }

    /** {@code q} matches a part of the name or of the credit code, case-insensitively. */
    @Get
    public Organisations list(@Nullable @QueryValue OrganisationKind kind, @Nullable @QueryValue @Size(max = 200) String q) {
        List<Organisation> all = StreamSupport.stream(organisations.findAll().spliterator(), false).toList();
        Map<OrganisationKind, Long> counts = new EnumMap<>(OrganisationKind.class);
        for (OrganisationKind k : OrganisationKind.values()) {
            counts.put(k, all.stream().filter(o -> o.kind() == k).count());
        }
        String needle = q == null || q.isBlank() ? null : q.strip().toLowerCase(Locale.ROOT);
        List<Organisation> matching = all.stream().filter(o -> kind == null || o.kind() == kind)
                .filter(o -> needle == null || o.name().toLowerCase(Locale.ROOT).contains(needle)
                        || o.creditCode().toLowerCase(Locale.ROOT).contains(needle))
                .sorted(Comparator.comparing(Organisation::kind).thenComparing(Organisation::name)).toList();
        return new Organisations(matching, counts);
    }
}

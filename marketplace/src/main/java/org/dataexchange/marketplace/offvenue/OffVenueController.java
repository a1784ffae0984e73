package org.dataexchange.marketplace.offvenue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.dataexchange.ledger.offvenue.OffVenueDeal;
import org.dataexchange.ledger.offvenue.OffVenueDealRequest;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.audit.AuditLog;
import org.dataexchange.marketplace.offvenue.OffVenueViews.Bucket;
import org.dataexchange.marketplace.offvenue.OffVenueViews.DealView;
import org.dataexchange.marketplace.offvenue.OffVenueViews.LedgerDealView;
import org.dataexchange.marketplace.offvenue.OffVenueViews.LedgerDeals;
import org.dataexchange.marketplace.offvenue.OffVenueViews.Party;
import org.dataexchange.marketplace.offvenue.OffVenueViews.Price;
import org.dataexchange.marketplace.offvenue.OffVenueViews.Reason;
import org.dataexchange.marketplace.offvenue.OffVenueViews.RegisterDeal;
import org.dataexchange.marketplace.organisation.Organisation;
import org.dataexchange.marketplace.organisation.OrganisationDirectory;
import org.dataexchange.marketplace.problem.ApiProblem;

/** Off-venue deals over HTTP: the parties register and confirm, the operator verifies, the regulator reads the ledger. */
final class OffVenueController {

    private OffVenueController() {}

    private static String accountId(Authentication auth) {
        return (String) auth.getAttributes().get("accountId");
    }

    @Controller("/api/off-venue-deals")
    @Secured({"MERCHANT", "BUYER"})
    @ExecuteOn(TaskExecutors.BLOCKING)
    public static class Parties {
        private final OffVenueDeals deals;
        private final DealViews views;

        Parties(OffVenueDeals deals, DealViews views) {
            this.deals = deals;
            this.views = views;
        }

        /** Registers a deal made outside the exchange with the other party, which confirms it next. */
        @Post
        public HttpResponse<DealView> register(@Body @Valid RegisterDeal deal, Authentication auth) {
            return HttpResponse.created(views.of(deals.register(Viewer.of(auth), deal)));
        }

        /** The organisation's deals (as merchant or buyer), newest first. */
        @Get
        public List<DealView> mine(Authentication auth) {
            return views.of(deals.ofParty(Viewer.of(auth)));
        }

        @Get("/{id}")
        public DealView get(@PathVariable @Size(max = 36) String id, Authentication auth) {
            return views.of(deals.ofParty(Viewer.of(auth), id));
        }

        @Post("/{id}/confirm")
        public DealView confirm(@PathVariable @Size(max = 36) String id, Authentication auth) {
            return views.of(deals.confirm(Viewer.of(auth), id));
        }

        @Post("/{id}/decline")
        public DealView decline(@PathVariable @Size(max = 36) String id, @Body @Valid Reason reason, Authentication auth) {
            return views.of(deals.decline(Viewer.of(auth), id, reason.reason()));
        }
    }

    @Controller("/api/operator/off-venue-deals")
    @Secured("OPERATOR")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public static class Operators {
        private final OffVenueDeals deals;
        private final DealViews views;

        Operators(OffVenueDeals deals, DealViews views) {
            this.deals = deals;
            this.views = views;
        }

        /** Every deal, newest first, or those in one state (oldest first: the verification queue is {@code CONFIRMED}). */
        @Get
        public List<DealView> all(@Nullable @QueryValue OffVenueState state) {
            return views.of(deals.all(state));
        }

        @Get("/{id}")
        public DealView get(@PathVariable @Size(max = 36) String id) {
            return views.of(deals.find(id));
        }

        /** Verifies a confirmed deal and records it on the ledger marked off-venue. */
        @Post("/{id}/verify")
        public DealView verify(@PathVariable @Size(max = 36) String id, Authentication auth) {
            return views.of(deals.verify(Viewer.of(auth), accountId(auth), id));
        }

        @Post("/{id}/reject")
        public DealView reject(@PathVariable @Size(max = 36) String id, @Body @Valid Reason reason, Authentication auth) {
            return views.of(deals.reject(Viewer.of(auth), accountId(auth), id, reason.reason()));
        }
    }

    @Controller("/api/regulator/off-venue-deals")
    @Secured("REGULATOR")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public static class Regulators {
        private final OffVenueLedger ledger;
        private final OrganisationDirectory organisations;
        private final AuditLog audit;

        Regulators(OffVenueLedger ledger, OrganisationDirectory organisations, AuditLog audit) {
            this.ledger = ledger;
            this.organisations = organisations;
            this.audit = audit;
        }

        /**
         * The off-venue deals on the ledger (read with the regulator's identity), recorded in [from, to), each with its
         * transaction and block, and their totals per industry, classification and plan kind, apart from the trades.
         */
        @Get
        public LedgerDeals onLedger(@Nullable @QueryValue String from, @Nullable @QueryValue String to, Authentication auth) {
            Instant start = instant("from", from);
            Instant end = instant("to", to);
            if (start != null && end != null && !end.isAfter(start)) {
                throw ApiProblem.invalidField("to", "the range [from, to) is empty: to (" + end + ") must be after from (" + start + ")");
            }
            audit.record(auth.getName(), "REGULATOR", "REGULATOR_QUERY", "off-venue-deals", "from=" + start + " to=" + end);
            List<OffVenueDeal> deals = ledger.recordedBetween(start, end);
            Map<String, String> names = new HashMap<>();
            Function<String, String> name = code -> names.computeIfAbsent(code, c -> organisations.withCreditCode(c)
                    .map(Organisation::name).orElse(null));
            List<LedgerDealView> views = new ArrayList<>();
            long value = 0;
            Map<String, long[]> industries = new TreeMap<>();
            Map<String, long[]> levels = new TreeMap<>();
            Map<String, long[]> kinds = new TreeMap<>();
            for (OffVenueDeal d : deals) {
                OffVenueDealRequest r = d.request();
                views.add(new LedgerDealView(r.dealId(), d.venue(), r.productDigest(), r.industry(), r.classificationLevel(),
                        r.planKind(), r.merchantId(), name.apply(r.merchantId()), r.buyerId(), name.apply(r.buyerId()),
                        r.amount(), r.currency(), r.licenceSummary(), r.scenario(), r.dealDate(), r.verifiedBy(),
                        d.recordedAt(), d.txId(), ledger.blockOf(d.txId())));
                value += r.amount();
                add(industries, r.industry(), r.amount());
                add(levels, r.classificationLevel().name(), r.amount());
                add(kinds, r.planKind().name(), r.amount());
            }
            views.sort((a, b) -> b.recordedAt().compareTo(a.recordedAt()));
            return new LedgerDeals(views, views.size(), value, buckets(industries), buckets(levels), buckets(kinds));
        }

        private static void add(Map<String, long[]> map, String key, long amount) {
            long[] b = map.computeIfAbsent(key, k -> new long[2]);
            b[0]++;
            b[1] += amount;
        }

        private static List<Bucket> buckets(Map<String, long[]> map) {
            List<Bucket> out = new ArrayList<>();
            map.forEach((k, v) -> out.add(new Bucket(k, v[0], v[1])));
            return out;
        }

        private static Instant instant(String field, @Nullable String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return Instant.parse(value);
            } catch (java.time.format.DateTimeParseException e) {
                throw ApiProblem.invalidField(field, "use ISO-8601 instants such as 2026-11-01T00:00:00Z");
            }
        }
    }

    /** Deals as the API shows them, with their parties' names. */
    @Singleton
    static class DealViews {
        private final OrganisationDirectory organisations;

        DealViews(OrganisationDirectory organisations) {
            this.organisations = organisations;
        }

        List<DealView> of(List<RegisteredDeal> deals) {
            Map<String, Party> parties = new HashMap<>();
            return deals.stream().map(d -> of(d, parties)).toList();
        }

        DealView of(RegisteredDeal d) {
            return of(d, new HashMap<>());
        }

        private DealView of(RegisteredDeal d, Map<String, Party> parties) {
            Function<String, Party> party = id -> parties.computeIfAbsent(id, k -> organisations.find(k)
                    .map(o -> new Party(o.id(), o.name(), o.creditCode())).orElse(new Party(k, k, "")));
            String awaiting = switch (d.state()) {
                case REGISTERED -> "COUNTERPARTY";
                case CONFIRMED -> "OPERATOR";
                case VERIFIED -> "LEDGER";
                default -> null;
            };
            return new DealView(d.id(), d.state(), awaiting, party.apply(d.merchantOrgId()), party.apply(d.buyerOrgId()),
                    d.registeredByOrgId().equals(d.merchantOrgId()) ? "MERCHANT" : "BUYER", d.registeredBy(), d.productTitle(),
                    d.productDigest(), d.industry(), d.classification(), d.planKind(), new Price(d.amountMinor(), d.currency()),
                    d.licenceSummary(), d.scenario(), LocalDate.parse(d.dealDate()), d.confirmedBy(), d.confirmedAt(),
                    d.decidedBy(), d.decisionReason(), d.decidedAt(), d.attempts(), d.lastError(), d.transactionId(),
                    d.recordedAt(), d.createdAt(), d.updatedAt());
        }
    }
}

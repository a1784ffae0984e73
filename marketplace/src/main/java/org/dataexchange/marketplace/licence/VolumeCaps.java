package org.dataexchange.marketplace.licence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.EnumMap;
import java.util.Map;

/**
 * The volume caps of a licence (用途用量): at most so many records, calls, queries or downloads over the licence's
 * life; a null field is not capped. Part of {@link LicenceTerms}, so they are in the ODRL offer and agreement, in the
 * agreement hash the ledger records with the trade, and in the licence certificate.
 */
@Serdeable
public record VolumeCaps(@Nullable Long records, @Nullable Long calls, @Nullable Long queries, @Nullable Long downloads) {

    /** The largest cap: a JSON number a browser still reads exactly (below 2^53). */
    public static final long MAX_CAP = 1_000_000_000_000_000L;

    /** The cap on one measure, or null when it is not capped. */
    public @Nullable Long of(VolumeMeasure measure) {
        return switch (measure) {
            case RECORDS -> records;
            case CALLS -> calls;
            case QUERIES -> queries;
            case DOWNLOADS -> downloads;
        };
    }

    /** The caps set, in the measures' order. */
    public Map<VolumeMeasure, Long> asMap() {
        Map<VolumeMeasure, Long> caps = new EnumMap<>(VolumeMeasure.class);
        for (VolumeMeasure m : VolumeMeasure.values()) {
            if (of(m) != null) {
                caps.put(m, of(m));
            }
        }
        return caps;
    }

    /** No measure capped. */
    public boolean isEmpty() {
        return records == null && calls == null && queries == null && downloads == null;
    }

    static VolumeCaps of(Map<VolumeMeasure, Long> caps) {
        return new VolumeCaps(caps.get(VolumeMeasure.RECORDS), caps.get(VolumeMeasure.CALLS),
                caps.get(VolumeMeasure.QUERIES), caps.get(VolumeMeasure.DOWNLOADS));
    }

    void validate() {
        for (VolumeMeasure m : VolumeMeasure.values()) {
            Long cap = of(m);
            if (cap != null && (cap < 1 || cap > MAX_CAP)) {
                throw new LicenceTermsException("volumeCaps." + m.name().toLowerCase(java.util.Locale.ROOT),
                        "a volume cap is a whole number from 1 to " + MAX_CAP + " (leave it out for no cap) but is " + cap);
            }
        }
    }
}

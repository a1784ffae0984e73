package org.dataexchange.marketplace.licence;

import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a licence offer grants. Constructing never fails so that {@link #validated()} can name the bad field;
 * collections are copied, and enum sets are kept in declaration order so documents and summaries are stable.
 *
 * @param royaltyBp with the {@link LicenceDuty#COMPENSATE} duty, the royalty owed to the licensor on every sale of a
 *     product derived under this licence, in basis points of that sale's price (1 to 10000); null without that duty
 */
@Serdeable
public record LicenceTerms(GrantedRight right, List<String> purposes, int termDays, LicenceTerritory territory,
                           int seats, Set<LicensedAction> permittedActions, Set<LicenceDuty> duties,
                           @io.micronaut.core.annotation.Nullable VolumeCaps volumeCaps,
                           @io.micronaut.core.annotation.Nullable Integer royaltyBp) {

    /** Terms without volume caps and without a royalty. */
    public LicenceTerms(GrantedRight right, List<String> purposes, int termDays, LicenceTerritory territory, int seats,
                        Set<LicensedAction> permittedActions, Set<LicenceDuty> duties) {
        this(right, purposes, termDays, territory, seats, permittedActions, duties, null, null);
    }

    static final int MAX_TERM_DAYS = 3650;
    static final int MAX_SEATS = 100_000;
    static final int MAX_PURPOSES = 20;
    static final int MAX_PURPOSE_LENGTH = 200;

    public LicenceTerms {
        purposes = purposes == null ? null : Collections.unmodifiableList(new ArrayList<>(purposes));
        permittedActions = ordered(permittedActions, LicensedAction.class);
        duties = ordered(duties, LicenceDuty.class);
        // No cap at all is written as none, so terms read back from a document equal the terms it was made from.
        volumeCaps = volumeCaps == null || volumeCaps.isEmpty() ? null : volumeCaps;
    }


    /** Checks and returns this, or throws {@link LicenceTermsException} naming the first bad field. */
    public LicenceTerms validated() {
        if (right == null) {
            throw new LicenceTermsException("right", "right is required: PROCESSING_USE or PRODUCT_OPERATION");
        }
        checkPurposes();
        if (termDays < 1 || termDays > MAX_TERM_DAYS) {
            throw new LicenceTermsException("termDays",
                    "termDays must be between 1 and " + MAX_TERM_DAYS + " but is " + termDays);
        }
        if (territory == null) {
            throw new LicenceTermsException("territory", "territory is required: DOMESTIC or CROSS_BORDER");
        }
        if (seats < 1 || seats > MAX_SEATS) {
            throw new LicenceTermsException("seats", "seats must be between 1 and " + MAX_SEATS + " but is " + seats);
        }
        if (permittedActions == null || hasNull(permittedActions)) {
            throw new LicenceTermsException("permittedActions", "permittedActions is required and has no empty entries");
        }
        if (!permittedActions.contains(LicensedAction.USE)) {
            throw new LicenceTermsException("permittedActions",
                    "permittedActions must contain USE; every other action builds on using the data");
        }
        // Passing data on to third parties is what the product operation right (数据产品经营权) is for.
        if (right != GrantedRight.PRODUCT_OPERATION && permittedActions.stream().anyMatch(LicensedAction::isOnwardTransfer)) {
            throw new LicenceTermsException("permittedActions",
                    "DISTRIBUTE and SELL need the PRODUCT_OPERATION right; PROCESSING_USE does not allow onward transfer");
        }
        if (duties == null || hasNull(duties)) {
            throw new LicenceTermsException("duties", "duties is required (it may be empty) and has no empty entries");
        }
        if (volumeCaps != null) {
            volumeCaps.validate();
        }
        if (duties.contains(LicenceDuty.COMPENSATE)) {
            if (royaltyBp == null || royaltyBp < 1 || royaltyBp > 10_000) {
                throw new LicenceTermsException("royaltyBp", "the compensate duty names the royalty on sales of derived"
                        + " products: 1 to 10000 basis points of each sale, not " + royaltyBp);
            }
        } else if (royaltyBp != null) {
            throw new LicenceTermsException("royaltyBp", "a royalty share needs the COMPENSATE duty");
        }
        return this;
    }

    private void checkPurposes() {
        if (purposes == null || purposes.isEmpty()) {
            throw new LicenceTermsException("purposes", "at least one purpose is required, e.g. \"logistics route planning\"");
        }
        if (purposes.size() > MAX_PURPOSES) {
            throw new LicenceTermsException("purposes", "at most " + MAX_PURPOSES + " purposes are allowed");
        }
        Set<String> seen = new HashSet<>();
        for (String purpose : purposes) {
            if (purpose == null || purpose.isBlank()) {
                throw new LicenceTermsException("purposes", "a purpose must not be blank");
            }
            if (purpose.length() > MAX_PURPOSE_LENGTH) {
                throw new LicenceTermsException("purposes",
                        "a purpose has at most " + MAX_PURPOSE_LENGTH + " characters");
            }
            // Buyers' scenarios are matched case-insensitively, so these would be the same purpose.
            if (!seen.add(normalisedPurpose(purpose))) {
                throw new LicenceTermsException("purposes", "purpose '" + purpose.strip() + "' is listed twice");
            }
        }
    }

    LicenceTerms withRight(GrantedRight right) {
        return new LicenceTerms(right, purposes, termDays, territory, seats, permittedActions, duties, volumeCaps, royaltyBp);
    }

    LicenceTerms withPurposes(List<String> purposes) {
        return new LicenceTerms(right, purposes, termDays, territory, seats, permittedActions, duties, volumeCaps, royaltyBp);
    }

    LicenceTerms withTermDays(int termDays) {
        return new LicenceTerms(right, purposes, termDays, territory, seats, permittedActions, duties, volumeCaps, royaltyBp);
    }

    LicenceTerms withTerritory(LicenceTerritory territory) {
        return new LicenceTerms(right, purposes, termDays, territory, seats, permittedActions, duties, volumeCaps, royaltyBp);
    }

    LicenceTerms withSeats(int seats) {
        return new LicenceTerms(right, purposes, termDays, territory, seats, permittedActions, duties, volumeCaps, royaltyBp);
    }

    LicenceTerms withPermittedActions(Set<LicensedAction> permittedActions) {
        return new LicenceTerms(right, purposes, termDays, territory, seats, permittedActions, duties, volumeCaps, royaltyBp);
    }

    /** These duties instead; the royalty goes with the compensate duty. */
    LicenceTerms withDuties(Set<LicenceDuty> duties) {
        return new LicenceTerms(right, purposes, termDays, territory, seats, permittedActions, duties, volumeCaps,
                duties != null && duties.contains(LicenceDuty.COMPENSATE) ? royaltyBp : null);
    }

    public LicenceTerms withVolumeCaps(VolumeCaps volumeCaps) {
        return new LicenceTerms(right, purposes, termDays, territory, seats, permittedActions, duties, volumeCaps, royaltyBp);
    }

    LicenceTerms withRoyaltyBp(Integer royaltyBp) {
        return new LicenceTerms(right, purposes, termDays, territory, seats, permittedActions, duties, volumeCaps, royaltyBp);
    }

    /** Whether a product derived under this licence may be sold on: it permits deriving, and selling or distributing. */
    public boolean allowsDerivedResale() {
        return permittedActions != null && permittedActions.contains(LicensedAction.DERIVE)
                && (permittedActions.contains(LicensedAction.SELL) || permittedActions.contains(LicensedAction.DISTRIBUTE));
    }

    /** The royalty in basis points a derived product's sales owe under this licence; 0 without a compensate duty. */
    public int royaltyShareBp() {
        return duties != null && duties.contains(LicenceDuty.COMPENSATE) && royaltyBp != null ? royaltyBp : 0;
    }

    /** How purposes compare: trimmed and case-insensitive. */
    static String normalisedPurpose(String purpose) {
        return purpose.strip().toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> Set<E> ordered(Set<E> values, Class<E> type) {
        if (values == null) {
            return null;
        }
        if (hasNull(values)) {
            return Collections.unmodifiableSet(new LinkedHashSet<>(values)); // kept so validated() can refuse it
        }
        EnumSet<E> copy = EnumSet.noneOf(type);
        copy.addAll(values);
        return Collections.unmodifiableSet(copy);
    }

    // Iterating rather than contains(null): Set.of and friends throw on contains(null).
    private static boolean hasNull(Collection<?> values) {
        for (Object value : values) {
            if (value == null) {
                return true;
            }
        }
        return false;
    }
}

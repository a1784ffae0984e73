package org.dataexchange.marketplace.catalogue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dataexchange.marketplace.licence.GrantedRight;
import org.dataexchange.marketplace.licence.LicenceDuty;
import org.dataexchange.marketplace.licence.LicenceTemplate;
import org.dataexchange.marketplace.licence.LicenceTerms;
import org.dataexchange.marketplace.licence.LicenceTerritory;
import org.dataexchange.marketplace.licence.LicensedAction;
import org.dataexchange.marketplace.licence.VolumeCaps;

/** A product's licence offer: the template it started from, its terms, the ODRL Offer and the plain words. */
@Serdeable
public record LicenceOffer(LicenceTemplate template, LicenceTerms terms, Map<String, Object> odrl, String summaryZh,
                           String summaryEn) {

    /**
     * What a merchant sends: a template and the purposes, plus any adjustment of the template's terms (a null
     * field keeps the template's value); volume caps (用途用量) are the merchant's own, none by default.
     */
    @Serdeable
    public record Draft(@NotNull LicenceTemplate template, @NotNull @Size(min = 1, max = 20) List<String> purposes,
                        @Nullable GrantedRight right, @Nullable Integer termDays, @Nullable LicenceTerritory territory,
                        @Nullable Integer seats, @Nullable Set<LicensedAction> permittedActions,
                        @Nullable Set<LicenceDuty> duties, @Nullable VolumeCaps volumeCaps,
                        @Nullable @jakarta.validation.constraints.Min(1) @jakarta.validation.constraints.Max(10000) Integer royaltyBp) {

        /**
         * The template's terms with the adjustments. The royalty follows the duties: the given share, else the
         * template's (or 10%), while the duties hold {@code COMPENSATE}; a share without that duty is refused.
         */
        public LicenceTerms terms() {
            LicenceTerms base = template.terms(purposes);
            Set<LicenceDuty> chosen = duties != null ? duties : base.duties();
            Integer royalty = royaltyBp; // without the duty, a share given is refused by validated()
            if (chosen.contains(LicenceDuty.COMPENSATE) && royalty == null) {
                royalty = base.royaltyBp() != null ? base.royaltyBp() : Integer.valueOf(LicenceTemplate.DEFAULT_ROYALTY_BP);
            }
            return new LicenceTerms(right != null ? right : base.right(), base.purposes(),
                    termDays != null ? termDays : base.termDays(), territory != null ? territory : base.territory(),
                    seats != null ? seats : base.seats(), permittedActions != null ? permittedActions : base.permittedActions(),
                    chosen, volumeCaps, royalty).validated();
        }
    }
}

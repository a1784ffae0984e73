package org.dataexchange.marketplace.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LicenceTermsTest {

    private final LicenceTerms internal = LicenceTemplate.INTERNAL_ANALYSIS.terms(List.of("logistics route planning"));

    @Test
    void templatesCarryTheirDefaults() {
        assertThat(internal).isEqualTo(new LicenceTerms(GrantedRight.PROCESSING_USE, List.of("logistics route planning"),
                365, LicenceTerritory.DOMESTIC, 1, EnumSet.of(LicensedAction.USE, LicensedAction.AGGREGATE),
                EnumSet.of(LicenceDuty.DELETE_AT_TERM_END)));
        LicenceTerms derived = LicenceTemplate.DERIVED_PRODUCTS.terms(List.of("物流路径规划"));
        assertThat(derived.permittedActions()).containsExactly(LicensedAction.USE, LicensedAction.DERIVE, LicensedAction.AGGREGATE);
        assertThat(derived.duties()).containsExactly(LicenceDuty.ATTRIBUTION);
        assertThat(derived.seats()).isEqualTo(5);
        LicenceTerms resale = LicenceTemplate.RESALE.terms(List.of("x"));
        assertThat(resale.right()).isEqualTo(GrantedRight.PRODUCT_OPERATION);
        assertThat(resale.permittedActions()).containsExactlyInAnyOrder(LicensedAction.values());
        assertThat(resale.termDays()).isEqualTo(730);
    }

    @ParameterizedTest
    @EnumSource(LicenceTemplate.class)
    void templatesHaveNamesInBothLanguages(LicenceTemplate template) {
        assertThat(template.nameZh()).isNotBlank().doesNotContainPattern("[A-Za-z]");
        assertThat(template.nameEn()).isNotBlank();
    }

    @Test
    void refusesEmptyPurposes() {
        assertRefused(internal.withPurposes(List.of()), "purposes");
        assertRefused(internal.withPurposes(null), "purposes");
        assertRefused(internal.withPurposes(List.of("  ")), "purposes");
        assertThatThrownBy(() -> LicenceTemplate.RESALE.terms(List.of()))
                .isInstanceOfSatisfying(LicenceTermsException.class, e -> assertThat(e.field()).isEqualTo("purposes"));
    }

    @Test
    void refusesPurposesListedTwiceInAnotherCase() {
        assertRefused(internal.withPurposes(List.of("Credit scoring", " credit scoring")), "purposes");
    }

    @Test
    void refusesActionsWithoutUse() {
        assertRefused(internal.withPermittedActions(Set.of(LicensedAction.AGGREGATE)), "permittedActions");
        assertRefused(internal.withPermittedActions(null), "permittedActions");
    }

    @Test
    void refusesOnwardTransferWithoutTheProductOperationRight() {
        assertRefused(internal.withPermittedActions(Set.of(LicensedAction.USE, LicensedAction.SELL)), "permittedActions");
        assertThat(internal.withRight(GrantedRight.PRODUCT_OPERATION)
                .withPermittedActions(Set.of(LicensedAction.USE, LicensedAction.SELL)).validated()).isNotNull();
    }

    @Test
    void refusesTermsOutOfRange() {
        assertRefused(internal.withTermDays(0), "termDays");
        assertRefused(internal.withTermDays(4000), "termDays");
        assertThat(internal.withTermDays(1).validated().termDays()).isEqualTo(1);
        assertThat(internal.withTermDays(3650).validated().termDays()).isEqualTo(3650);
    }

    @Test
    void refusesSeatsOutOfRange() {
        assertRefused(internal.withSeats(0), "seats");
        assertRefused(internal.withSeats(100_001), "seats");
        assertThat(internal.withSeats(100_000).validated().seats()).isEqualTo(100_000);
    }

    @Test
    void refusesMissingRightTerritoryAndDuties() {
        assertRefused(internal.withRight(null), "right");
        assertRefused(internal.withTerritory(null), "territory");
        assertRefused(internal.withDuties(null), "duties");
        assertThat(internal.withDuties(Set.of()).validated().duties()).isEmpty();
    }

    @Test
    void copiesItsCollections() {
        var actions = EnumSet.of(LicensedAction.USE);
        LicenceTerms terms = internal.withPermittedActions(actions);
        actions.add(LicensedAction.DERIVE);
        assertThat(terms.permittedActions()).containsExactly(LicensedAction.USE);
    }

    private static void assertRefused(LicenceTerms terms, String field) {
        assertThatThrownBy(terms::validated).isInstanceOfSatisfying(LicenceTermsException.class,
                e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).isNotBlank();
                });
    }
}

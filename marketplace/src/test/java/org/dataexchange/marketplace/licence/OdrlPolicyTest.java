package org.dataexchange.marketplace.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OdrlPolicyTest {

    private static final Instant FROM = Instant.parse("2025-03-01T00:00:00Z");
    private final ObjectMapper json = new ObjectMapper();

    static Stream<LicenceTerms> licences() {
        return Stream.of(
                LicenceTemplate.INTERNAL_ANALYSIS.terms(List.of("logistics route planning")),
                LicenceTemplate.DERIVED_PRODUCTS.terms(List.of("物流路径规划", "Credit scoring")),
                LicenceTemplate.RESALE.terms(List.of("data product resale")),
                // adjusted by a merchant: cross-border, many seats, no duties, both duties
                LicenceTemplate.INTERNAL_ANALYSIS.terms(List.of("风控建模")).withTerritory(LicenceTerritory.CROSS_BORDER)
                        .withSeats(250).withTermDays(90).withDuties(Set.of()),
                LicenceTemplate.RESALE.terms(List.of("market research"))
                        .withPermittedActions(EnumSet.of(LicensedAction.USE, LicensedAction.DISTRIBUTE))
                        .withDuties(EnumSet.allOf(LicenceDuty.class)).withTermDays(3650),
                // volume caps (用途用量): one, and all four with one beyond an int
                LicenceTemplate.INTERNAL_ANALYSIS.terms(List.of("港口调度")).withVolumeCaps(new VolumeCaps(null, null, null, 3L)),
                LicenceTemplate.DERIVED_PRODUCTS.terms(List.of("credit scoring"))
                        .withVolumeCaps(new VolumeCaps(5_000_000_000L, 10_000L, 200L, 12L)),
                // a royalty on derived products of 12.5% (ODRL compensate, percentage in basis points)
                LicenceTemplate.RESALE.terms(List.of("衍生指数 derived indices")).withRoyaltyBp(1_250));
    }

    @Test
    void volumeCapsAreCountConstraintsByUnitBesideTheSeats() {
        LicenceTerms capped = LicenceTemplate.INTERNAL_ANALYSIS.terms(List.of("港口调度"))
                .withVolumeCaps(new VolumeCaps(7L, null, null, 3L));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> constraints = (List<Map<String, Object>>) ((List<Map<String, Object>>) offer(capped)
                .get("permission")).get(0).get("constraint");
        assertThat(constraints).filteredOn(c -> "count".equals(c.get("leftOperand"))).extracting(c -> c.get("unit") + "=" + c.get("rightOperand"))
                .containsExactly("dx:seat=1", "dx:record=7", "dx:download=3");
        // No cap at all is the same terms as none, and writes no constraint: offers made before caps keep their bytes.
        LicenceTerms none = capped.withVolumeCaps(new VolumeCaps(null, null, null, null));
        assertThat(none.volumeCaps()).isNull();
        assertThat(offer(none)).isEqualTo(offer(LicenceTemplate.INTERNAL_ANALYSIS.terms(List.of("港口调度"))));
    }

    @Test
    void aCapIsPositiveAndAnUnknownCountUnitIsRefused() {
        assertThatThrownBy(() -> LicenceTemplate.INTERNAL_ANALYSIS.terms(List.of("p"))
                .withVolumeCaps(new VolumeCaps(null, 0L, null, null)).validated())
                .isInstanceOf(LicenceTermsException.class).extracting("field").isEqualTo("volumeCaps.calls");
        assertThatThrownBy(() -> LicenceTemplate.INTERNAL_ANALYSIS.terms(List.of("p"))
                .withVolumeCaps(new VolumeCaps(VolumeCaps.MAX_CAP + 1, null, null, null)).validated())
                .isInstanceOf(LicenceTermsException.class).extracting("field").isEqualTo("volumeCaps.records");
        Map<String, Object> offer = offer(LicenceTemplate.INTERNAL_ANALYSIS.terms(List.of("p")));
        @SuppressWarnings("unchecked")
        Map<String, Object> permission = ((List<Map<String, Object>>) offer.get("permission")).get(0);
        @SuppressWarnings("unchecked")
        List<Object> constraints = (List<Object>) permission.get("constraint");
        constraints.add(new LinkedHashMap<>(Map.of("leftOperand", "count", "operator", "lteq", "rightOperand", 5, "unit", "dx:byte")));
        assertThatThrownBy(() -> OdrlPolicy.terms(offer)).isInstanceOf(LicenceTermsException.class)
                .hasMessageContaining("unknown unit dx:byte");
    }

    @ParameterizedTest
    @MethodSource("licences")
    void offerReadsBackAsTheSameTerms(LicenceTerms terms) {
        assertThat(OdrlPolicy.terms(offer(terms))).isEqualTo(terms);
    }

    @ParameterizedTest
    @MethodSource("licences")
    void agreementReadsBackAsTheSameTerms(LicenceTerms terms) {
        Map<String, Object> agreement = OdrlPolicy.agreement("urn:dx:agreement:9", offer(terms), "urn:dx:org:buyer",
                terms.purposes().get(0), "CN", FROM);
        assertThat(OdrlPolicy.terms(agreement)).isEqualTo(terms);
    }

    @ParameterizedTest
    @MethodSource("licences")
    void agreementSurvivesJsonAndReadsBack(LicenceTerms terms) throws Exception {
        Map<String, Object> agreement = OdrlPolicy.agreement("urn:dx:agreement:9", offer(terms), "urn:dx:org:buyer",
                terms.purposes().get(0), "CN-SH", FROM);
        String text = json.writeValueAsString(agreement);
        Map<String, Object> parsed = json.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {});
        assertThat(OdrlPolicy.terms(parsed)).isEqualTo(terms);
        assertThat(json.writeValueAsString(parsed)).isEqualTo(text);
    }

    @ParameterizedTest
    @MethodSource("licences")
    void offerProhibitsExactlyWhatIsNotPermitted(LicenceTerms terms) {
        Map<String, Object> offer = offer(terms);
        assertThat(offer.get("@type")).isEqualTo("Offer");
        Set<String> permitted = actions(offer.get("permission"));
        Set<String> prohibited = actions(offer.getOrDefault("prohibition", List.of()));
        assertThat(permitted).containsExactlyInAnyOrderElementsOf(
                terms.permittedActions().stream().map(LicensedAction::odrl).toList());
        assertThat(prohibited).doesNotContainAnyElementsOf(permitted);
        assertThat(prohibited.size() + permitted.size()).isEqualTo(LicensedAction.values().length);
    }

    @Test
    void offerIsTheDocumentedOdrlShape() throws Exception {
        LicenceTerms terms = LicenceTemplate.INTERNAL_ANALYSIS.terms(List.of("logistics route planning"));
        String expected = """
                {"@context":["http://www.w3.org/ns/odrl.jsonld",{"dx":"https://dataexchange.example/odrl/"}],\
                "@type":"Offer","uid":"urn:dx:offer:1","profile":"https://dataexchange.example/odrl/profile",\
                "dx:grantedRight":"PROCESSING_USE","target":"urn:dx:product:7","assigner":"urn:dx:org:seller",\
                "permission":[\
                %1$s"use",%2$s},\
                %1$s"aggregate",%2$s}],\
                "prohibition":[%1$s"derive"},%1$s"distribute"},%1$s"sell"}]}"""
                .formatted("{\"target\":\"urn:dx:product:7\",\"action\":",
                        "\"constraint\":[{\"leftOperand\":\"purpose\",\"operator\":\"isAnyOf\",\"rightOperand\":[\"logistics route planning\"]},"
                                + "{\"leftOperand\":\"spatial\",\"operator\":\"eq\",\"rightOperand\":\"CN\"},"
                                + "{\"leftOperand\":\"elapsedTime\",\"operator\":\"lteq\",\"rightOperand\":\"P365D\"},"
                                + "{\"leftOperand\":\"count\",\"operator\":\"lteq\",\"rightOperand\":1,\"unit\":\"dx:seat\"}],"
                                + "\"duty\":[{\"action\":\"delete\",\"constraint\":[{\"leftOperand\":\"elapsedTime\",\"operator\":\"eq\",\"rightOperand\":\"P365D\"}]}]");
        assertThat(json.writeValueAsString(offer(terms))).isEqualTo(expected);
    }

    @Test
    void crossBorderOfferHasNoSpatialLimit() throws Exception {
        LicenceTerms terms = LicenceTemplate.RESALE.terms(List.of("x")).withTerritory(LicenceTerritory.CROSS_BORDER);
        Map<String, Object> offer = offer(terms);
        assertThat(json.writeValueAsString(offer)).doesNotContain("spatial").doesNotContain("prohibition");
    }

    @Test
    void agreementAddsAssigneeScenarioAndValidity() {
        LicenceTerms terms = LicenceTemplate.DERIVED_PRODUCTS.terms(List.of("Logistics route planning", "物流路径规划"));
        Map<String, Object> agreement = OdrlPolicy.agreement("urn:dx:agreement:9", offer(terms), "urn:dx:org:buyer",
                "  logistics ROUTE planning ", "cn-sh", FROM);
        assertThat(agreement.get("@type")).isEqualTo("Agreement");
        assertThat(agreement.get("uid")).isEqualTo("urn:dx:agreement:9");
        assertThat(agreement.get("dx:offer")).isEqualTo("urn:dx:offer:1");
        assertThat(agreement.get("assigner")).isEqualTo("urn:dx:org:seller");
        assertThat(agreement.get("assignee")).isEqualTo("urn:dx:org:buyer");
        assertThat(agreement.get("dx:validFrom")).isEqualTo("2025-03-01T00:00:00Z");
        assertThat(agreement.get("dx:validUntil")).isEqualTo("2026-03-01T00:00:00Z");
        assertThat(List.copyOf(agreement.keySet())).containsExactly("@context", "@type", "uid", "profile",
                "dx:grantedRight", "dx:offer", "dx:validFrom", "dx:validUntil", "target", "assigner", "assignee",
                "permission", "prohibition");
        for (Object permission : (List<?>) agreement.get("permission")) {
            List<Object> constraints = list(((Map<?, ?>) permission).get("constraint"));
            assertThat(constraints).contains(
                    Map.of("uid", "urn:dx:agreement:9#scenario-purpose", "leftOperand", "purpose", "operator", "eq",
                            "rightOperand", "Logistics route planning"),
                    Map.of("uid", "urn:dx:agreement:9#scenario-location", "leftOperand", "spatial", "operator", "eq",
                            "rightOperand", "CN-SH"));
        }
    }

    @Test
    void agreementIsDeterministic() throws Exception {
        LicenceTerms terms = LicenceTemplate.RESALE.terms(List.of("resale"));
        String first = json.writeValueAsString(
                OdrlPolicy.agreement("urn:a", offer(terms), "urn:b", "resale", "CN-BJ", FROM));
        String second = json.writeValueAsString(
                OdrlPolicy.agreement("urn:a", offer(terms), "urn:b", "resale", "CN-BJ", FROM));
        assertThat(first).isEqualTo(second);
    }

    @Test
    void agreementRefusesAScenarioTheOfferDoesNotCover() {
        Map<String, Object> offer = offer(LicenceTemplate.INTERNAL_ANALYSIS.terms(List.of("物流路径规划")));
        assertThatThrownBy(() -> OdrlPolicy.agreement("urn:a", offer, "urn:b", "广告投放", "CN-SH", FROM))
                .isInstanceOfSatisfying(LicenceTermsException.class,
                        e -> assertThat(e.field()).isEqualTo("scenarioPurpose"));
        assertThatThrownBy(() -> OdrlPolicy.agreement("urn:a", offer, "urn:b", "物流路径规划", "SG", FROM))
                .isInstanceOfSatisfying(LicenceTermsException.class,
                        e -> assertThat(e.field()).isEqualTo("scenarioLocation"));
    }

    @Test
    void agreementIsMadeOnlyFromAnOffer() {
        LicenceTerms terms = LicenceTemplate.RESALE.terms(List.of("resale"));
        Map<String, Object> agreement = OdrlPolicy.agreement("urn:a", offer(terms), "urn:b", "resale", "CN", FROM);
        assertThatThrownBy(() -> OdrlPolicy.agreement("urn:c", agreement, "urn:b", "resale", "CN", FROM))
                .isInstanceOfSatisfying(LicenceTermsException.class, e -> assertThat(e.field()).isEqualTo("offer"));
    }

    @Test
    void refusesDocumentsItCannotRead() {
        LicenceTerms terms = LicenceTemplate.INTERNAL_ANALYSIS.terms(List.of("x"));
        assertUnreadable(Map.of("@type", "Offer"), "@context");

        Map<String, Object> set = offer(terms);
        set.put("@type", "Set");
        assertUnreadable(set, "@type");

        Map<String, Object> unknownRight = offer(terms);
        unknownRight.put("dx:grantedRight", "OWNERSHIP");
        assertUnreadable(unknownRight, "dx:grantedRight");

        Map<String, Object> unknownConstraint = offer(terms);
        constraintsOfFirstPermission(unknownConstraint).add(Map.of("leftOperand", "industry", "operator", "eq",
                "rightOperand", "finance"));
        assertUnreadable(unknownConstraint, "constraint");

        Map<String, Object> contradictory = offer(terms);
        List<Object> prohibitions = list(contradictory.get("prohibition"));
        prohibitions.add(Map.of("target", "urn:dx:product:7", "action", "use"));
        assertUnreadable(contradictory, "prohibition");

        Map<String, Object> nothingPermitted = offer(terms);
        nothingPermitted.put("permission", List.of());
        assertUnreadable(nothingPermitted, "permission");
    }

    @Test
    void refusesOfferWithInvalidTermsOrMissingParties() {
        LicenceTerms terms = LicenceTemplate.INTERNAL_ANALYSIS.terms(List.of("x"));
        assertThatThrownBy(() -> offer(terms.withSeats(0)))
                .isInstanceOfSatisfying(LicenceTermsException.class, e -> assertThat(e.field()).isEqualTo("seats"));
        assertThatThrownBy(() -> OdrlPolicy.offer("urn:o", "urn:p", " ", terms))
                .isInstanceOfSatisfying(LicenceTermsException.class, e -> assertThat(e.field()).isEqualTo("assignerUid"));
    }

    @Test
    void listedPurposeFitsInEitherLanguageAndCase() {
        LicenceTerms terms = LicenceTemplate.INTERNAL_ANALYSIS.terms(List.of("Logistics route planning", "物流路径规划"));
        assertThat(OdrlPolicy.scenarioProblem(terms, " logistics route PLANNING ", "CN-SH")).isEmpty();
        assertThat(OdrlPolicy.scenarioProblem(terms, "物流路径规划", "CN")).isEmpty();
    }

    @Test
    void unlistedPurposeIsRefused() {
        LicenceTerms terms = LicenceTemplate.INTERNAL_ANALYSIS.terms(List.of("物流路径规划"));
        assertThat(OdrlPolicy.scenarioProblem(terms, "marketing", "CN-SH")).hasValueSatisfying(
                reason -> assertThat(reason).contains("marketing").contains("物流路径规划"));
        assertThat(OdrlPolicy.scenarioProblem(terms, " ", "CN-SH")).isPresent();
    }

    @Test
    void placesOutsideMainlandNeedCrossBorder() {
        LicenceTerms domestic = LicenceTemplate.INTERNAL_ANALYSIS.terms(List.of("x"));
        LicenceTerms crossBorder = domestic.withTerritory(LicenceTerritory.CROSS_BORDER);
        assertThat(OdrlPolicy.scenarioProblem(domestic, "x", "CN-SH")).isEmpty();
        for (String abroad : List.of("SG", "CN-HK", "CN-MO", "CN-TW", "HK", "US-CA")) {
            assertThat(OdrlPolicy.scenarioProblem(domestic, "x", abroad)).as(abroad)
                    .hasValueSatisfying(reason -> assertThat(reason).contains("cross-border"));
            assertThat(OdrlPolicy.scenarioProblem(crossBorder, "x", abroad)).as(abroad).isEmpty();
        }
    }

    @Test
    void locationMustBeAnIsoCode() {
        LicenceTerms crossBorder = LicenceTemplate.RESALE.terms(List.of("x")).withTerritory(LicenceTerritory.CROSS_BORDER);
        for (String bad : List.of("Shanghai", "", "C", "CN_SH")) {
            assertThat(OdrlPolicy.scenarioProblem(crossBorder, "x", bad)).as(bad).isPresent();
        }
        assertThat(OdrlPolicy.scenarioProblem(crossBorder, "x", null)).isPresent();
    }

    private static Map<String, Object> offer(LicenceTerms terms) {
        return OdrlPolicy.offer("urn:dx:offer:1", "urn:dx:product:7", "urn:dx:org:seller", terms);
    }

    private static void assertUnreadable(Map<String, Object> policy, String field) {
        assertThatThrownBy(() -> OdrlPolicy.terms(policy)).isInstanceOfSatisfying(LicenceTermsException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    private static List<Object> constraintsOfFirstPermission(Map<String, Object> policy) {
        return list(((Map<?, ?>) list(policy.get("permission")).get(0)).get("constraint"));
    }

    private static Set<String> actions(Object rules) {
        return ((List<?>) rules).stream().map(r -> (String) ((Map<?, ?>) r).get("action"))
                .collect(java.util.stream.Collectors.toSet());
    }
}

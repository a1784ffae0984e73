package org.dataexchange.marketplace.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreditCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y43", "91110000600037341L", "91440300708461136T", "911100001000079554",
            "91310115MA1KABCD51", "11310000MB2C12345F"})
    void acceptsValidCodes(String code) {
        assertThat(CreditCode.problem(code)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y44", "91310000MA1FL4TE3X", "9135010OM000100Y43", "91350100M000100Y4",
            "913501000M000100Y43", "91350100m000100Y43", "91ABCDEFM000100Y43", "", "91350100I000100Y43"})
    void refusesInvalidCodesSayingWhy(String code) {
        assertThat(CreditCode.problem(code)).isPresent();
    }

    @org.junit.jupiter.api.Test
    void namesTheMistypedCheckCharacter() {
        assertThat(CreditCode.problem("91350100M000100Y44")).hasValueSatisfying(p ->
                assertThat(p).contains("should be '3'"));
    }
}

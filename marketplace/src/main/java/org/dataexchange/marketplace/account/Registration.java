package org.dataexchange.marketplace.account;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A merchant or buyer signing up with the organisation it acts for. */
@Serdeable
public record Registration(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{2,63}",
                message = "use 3 to 64 lower-case letters, digits, dots, dashes or underscores") String username,
        @NotBlank @Size(min = 8, max = 128, message = "use 8 to 128 characters") String password,
        @NotNull Role role,
        @NotNull @Valid OrganisationDetails organisation) {

    /** The organisation: its registered name and unified social credit code. */
    @Serdeable
    public record OrganisationDetails(@NotBlank @Size(max = 200) String name, @NotBlank String creditCode) {}
}

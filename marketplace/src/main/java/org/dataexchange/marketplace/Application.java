package org.dataexchange.marketplace;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The exchange service. All state lives under {@code exchange.data-dir} (env {@code EXCHANGE_DATA_DIR}). */
@OpenAPIDefinition(info = @Info(title = "Data-element exchange API", version = "0.1",
        description = "Catalogue, licences, listing review and accounts of the data-element exchange. Log in with"
                + " POST /api/auth/login {username, password} and send the access_token as a bearer token."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        // The token secret comes from configuration (account.TokenSecret), not from here.
        Micronaut.build(args).mainClass(Application.class).start();
    }
}

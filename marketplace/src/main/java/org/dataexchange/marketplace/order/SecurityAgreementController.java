package org.dataexchange.marketplace.order;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The data-security agreement (数据安全协议) buyers accept for important and core data, so the store can show the
 * exact text the order's {@code securityAgreementHash} is computed from before the buyer accepts it.
 */
@Controller("/api/agreements")
@Secured(SecurityRule.IS_ANONYMOUS)
class SecurityAgreementController {

    /** The agreement's text and the SHA-256 (hex) of its UTF-8 bytes, as orders record it. */
    @Serdeable
    public record SecurityAgreement(String text, String sha256) {}

    // The same hash the order records (OrderService.sha256 of the same text).
    private static final SecurityAgreement CURRENT = new SecurityAgreement(OrderService.SECURITY_AGREEMENT_TEXT,
            OrderService.sha256(OrderService.SECURITY_AGREEMENT_TEXT));

    @Get("/data-security")
    public SecurityAgreement dataSecurity() {
        return CURRENT;
    }
}

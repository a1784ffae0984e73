package org.dataexchange.ledger.licence;

import java.time.Instant;
import java.util.List;
import org.dataexchange.ledger.Arguments;
import org.dataexchange.ledger.ErrorCode;

/**
 * A licence certificate (交易凭证) as the buyer holds it: the trade, the product version, the agreement
 * hash, the rights and the term. Anyone holding it can ask the ledger whether it matches what was recorded.
 *
 * @param validUntil end of the term (exclusive); null for a perpetual licence
 * @param volumeCaps the licence's volume caps (用途用量), in the agreement's order; null when nothing is capped
 */
public record LicenceCertificate(
        String certificateId,
        String tradeId,
        String productId,
        String version,
        String contentDigest,
        String agreementHash,
        String buyerId,
        String sellerId,
        GrantedRight right,
        List<String> permittedActions,
        Instant validFrom,
        Instant validUntil,
        List<VolumeCap> volumeCaps) {

    public LicenceCertificate {
        permittedActions = permittedActions == null ? null : List.copyOf(permittedActions);
        // None is written as absent, so certificates issued before caps existed read and compare as they were.
        volumeCaps = volumeCaps == null || volumeCaps.isEmpty() ? null : List.copyOf(volumeCaps);
    }

    public LicenceCertificate validated() {
        Arguments.text(certificateId, "certificateId", 128);
        Arguments.text(tradeId, "tradeId", 128);
        Arguments.text(productId, "productId", 128);
        Arguments.text(version, "version", 64);
        Arguments.sha256Hex(contentDigest, "contentDigest");
        Arguments.sha256Hex(agreementHash, "agreementHash");
        Arguments.text(buyerId, "buyerId", 128);
        Arguments.text(sellerId, "sellerId", 128);
        Arguments.required(right, "right");
        Arguments.required(permittedActions, "permittedActions");
        for (int i = 0; i < permittedActions.size(); i++) {
            Arguments.text(permittedActions.get(i), "permittedActions[" + i + "]", 64);
        }
        if (volumeCaps != null) {
            for (int i = 0; i < volumeCaps.size(); i++) {
                Arguments.required(volumeCaps.get(i), "volumeCaps[" + i + "]");
                volumeCaps.get(i).validated("volumeCaps[" + i + "]");
            }
        }
        Arguments.required(validFrom, "validFrom");
        if (validUntil != null && !validUntil.isAfter(validFrom)) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("validUntil must be after validFrom");
        }
        return this;
    }

    /** Whether the term covers {@code at}. */
    public boolean validAt(Instant at) {
        return !at.isBefore(validFrom) && (validUntil == null || at.isBefore(validUntil));
    }
}

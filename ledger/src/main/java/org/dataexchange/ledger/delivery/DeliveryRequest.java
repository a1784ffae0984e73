package org.dataexchange.ledger.delivery;

import org.dataexchange.ledger.Arguments;

/**
 * A delivery to record under a licence certificate.
 *
 * @param contentDigest SHA-256 of what was delivered; required for file downloads, where it must equal the
 *     licensed version's digest
 * @param units calls or queries covered by this receipt (metered access is receipted in batches, never
 *     per call)
 */
public record DeliveryRequest(
        String receiptId,
        String certificateId,
        DeliveryMode mode,
        String contentDigest,
        String deliveryLocation,
        long units) {

    public DeliveryRequest validated() {
        Arguments.text(receiptId, "receiptId", 128);
        Arguments.text(certificateId, "certificateId", 128);
        Arguments.required(mode, "mode");
        if (mode == DeliveryMode.FILE_DOWNLOAD || contentDigest != null) {
            Arguments.sha256Hex(contentDigest, "contentDigest");
        }
        Arguments.location(deliveryLocation, "deliveryLocation");
        if (units < 0) {
            throw org.dataexchange.ledger.ErrorCode.INVALID_ARGUMENT.refuse("units may not be negative");
        }
        return this;
    }
}

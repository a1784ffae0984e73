package org.dataexchange.ledger.product;

import org.dataexchange.ledger.Arguments;

/** A request to suspend, relist or delist a registered product version, with the reason. */
public record ListingStatusChange(String productId, String version, ListingStatus status, String reason) {

    public ListingStatusChange validated() {
        Arguments.text(productId, "productId", 128);
        Arguments.text(version, "version", 64);
        Arguments.required(status, "status");
        Arguments.text(reason, "reason", 1024);
        return this;
    }
}

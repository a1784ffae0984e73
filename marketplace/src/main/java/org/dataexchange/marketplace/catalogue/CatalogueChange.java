package org.dataexchange.marketplace.catalogue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of the catalogue's change feed: this product's findability may have changed ({@code seq} from the database). */
@MappedEntity("catalogue_change")
record CatalogueChange(@Id @GeneratedValue @Nullable Long seq, String productId, Instant changedAt) {

    static CatalogueChange of(String productId, Instant at) {
        return new CatalogueChange(null, productId, at);
    }
}

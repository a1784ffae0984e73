package org.dataexchange.marketplace.catalogue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** An uploaded version of a product's data: the file under the data directory, its SHA-256 and its ledger registration. */
@MappedEntity("product_version")
record ProductVersion(@Id String id, String productId, String version, String fileName, long sizeBytes,
                             String sha256, String storagePath, long volumeRecords, @Nullable String ledgerTxId,
                             @Nullable Long ledgerBlock, Instant createdAt) {

    ProductVersion registered(String txId, long block) {
        return new ProductVersion(id, productId, version, fileName, sizeBytes, sha256, storagePath, volumeRecords, txId,
                block, createdAt);
    }
}

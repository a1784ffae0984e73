package org.dataexchange.marketplace.delivery;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** One delivery of licensed data and the ledger transaction of its receipt. */
@Serdeable
@MappedEntity("delivery")
public record Delivery(@Id String id, String orderId, String mode, long units, @Nullable String contentDigest,
                       @Nullable String ledgerTxId, Instant deliveredAt) {

    @JdbcRepository(dialect = Dialect.H2)
    public interface Repository extends CrudRepository<Delivery, String> {
        List<Delivery> findByOrderIdOrderByDeliveredAt(String orderId);
    }
}

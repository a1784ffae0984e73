package org.dataexchange.marketplace.catalogue;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

/** The catalogue's tables. */
public final class CatalogueRepositories {

    private CatalogueRepositories() {}

    @JdbcRepository(dialect = Dialect.H2)
    public interface Products extends CrudRepository<Product, String> {
        List<Product> findByMerchantOrgIdOrderByUpdatedAtDesc(String merchantOrgId);

        List<Product> findByStatusOrderByUpdatedAt(ProductStatus status);

        long countByStatus(ProductStatus status);

        List<Product> findByIdIn(java.util.Collection<String> ids);
    }

    @JdbcRepository(dialect = Dialect.H2)
    public interface Versions extends CrudRepository<ProductVersion, String> {
        List<ProductVersion> findByProductIdOrderByCreatedAt(String productId);

        Optional<ProductVersion> findByProductIdAndVersion(String productId, String version);
    }

    @JdbcRepository(dialect = Dialect.H2)
    public interface Transitions extends CrudRepository<ProductTransition, String> {
        List<ProductTransition> findByProductIdOrderByAt(String productId);
    }
}

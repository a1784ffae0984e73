package org.dataexchange.marketplace.account;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.H2)
interface AccountRepository extends CrudRepository<Account, String> {
    Optional<Account> findByUsername(String username);

    boolean existsByUsername(String username);
}

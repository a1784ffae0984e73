package org.dataexchange.marketplace.account;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;
import org.dataexchange.marketplace.Database;

@JdbcRepository(dialect = Dialect.H2)
interface AccountRepository extends CrudRepository<Account, String> {
    /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Replaces(AccountRepository.class)
    @Requires(condition = Database.OnPostgres.class)
    interface OnPostgres extends AccountRepository {}

    Optional<Account> findByUsername(String username);

    boolean existsByUsername(String username);
}

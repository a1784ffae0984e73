package org.dataexchange.marketplace.audit;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.dataexchange.marketplace.Database;

/**
 * The operator's recent actions (reviews, listing changes, complaint decisions, top-ups, revocations), newest first,
 * read from the audit log: the console's "recent actions". The whole log stays the regulator's to page and verify.
 */
@Controller("/api/operator/actions")
@Secured("OPERATOR")
@ExecuteOn(TaskExecutors.BLOCKING)
public class OperatorActions {

    @JdbcRepository(dialect = Dialect.H2)
    interface Recent extends GenericRepository<AuditLog.Entry, Long> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Recent.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Recent {}

        @Query("SELECT * FROM audit_entry WHERE role = 'OPERATOR' ORDER BY seq DESC LIMIT :size")
        List<AuditLog.Entry> operatorActions(int size);
    }

    private final AuditLog log;
    private final Recent recent;

    OperatorActions(AuditLog log, Recent recent) {
        this.log = log;
        this.recent = recent;
    }

    @Get
    public List<AuditLog.Entry> recent(@QueryValue(defaultValue = "20") @Min(1) @Max(200) int size) {
        log.seal(); // entries committed a moment ago are chained first, so the operator sees what it just did
        return recent.operatorActions(size);
    }
}

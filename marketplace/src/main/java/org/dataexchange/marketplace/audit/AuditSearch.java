package org.dataexchange.marketplace.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit log searched as a regulator reads it: by actor, action, subject (a part of it) and time range, oldest or
 * newest first, a page at a time. The chain is sealed first, so what was recorded before the search is in it. The
 * conditions are fixed SQL with bound values, present only for the filters given.
 */
@Singleton
public class AuditSearch {

    /** Which entries: every field optional; {@code subject} matches a part of the subject, the others exactly. */
    public record Filter(@Nullable String actor, @Nullable String action, @Nullable String subject, @Nullable Instant from,
                         @Nullable Instant to) {}

    private final AuditLog log;
    private final TransactionOperations<Connection> tx;

    AuditSearch(AuditLog log, TransactionOperations<Connection> tx) {
        this.log = log;
        this.tx = tx;
    }

    public Page<AuditLog.Entry> search(Filter f, int page, int size, boolean newestFirst) {
        log.seal();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> values = new ArrayList<>();
        if (f.actor() != null) {
            where.append(" AND actor = ?");
            values.add(f.actor());
        }
        if (f.action() != null) {
            where.append(" AND action = ?");
            values.add(f.action());
        }
        if (f.subject() != null) {
            where.append(" AND subject LIKE ? ESCAPE '\\'");
            values.add("%" + f.subject().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (f.from() != null) {
            where.append(" AND at >= ?");
            values.add(OffsetDateTime.ofInstant(f.from(), ZoneOffset.UTC));
        }
        if (f.to() != null) {
            where.append(" AND at < ?");
            values.add(OffsetDateTime.ofInstant(f.to(), ZoneOffset.UTC));
        }
        Pageable pageable = Pageable.from(page, size, Sort.of(newestFirst ? Sort.Order.desc("seq") : Sort.Order.asc("seq")));
        return tx.executeRead(status -> {
            Connection c = status.getConnection();
            long total;
            try (PreparedStatement count = bind(c.prepareStatement("SELECT COUNT(*) FROM audit_entry" + where), values);
                 ResultSet r = count.executeQuery()) {
                r.next();
                total = r.getLong(1);
            }
            List<AuditLog.Entry> content = new ArrayList<>();
            List<Object> paged = new ArrayList<>(values);
            paged.add(size);
            paged.add((long) page * size);
            try (PreparedStatement select = bind(c.prepareStatement("SELECT seq, at, actor, role, action, subject, detail, prev_hash, hash"
                    + " FROM audit_entry" + where + " ORDER BY seq " + (newestFirst ? "DESC" : "ASC") + " LIMIT ? OFFSET ?"), paged);
                 ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    content.add(new AuditLog.Entry(r.getLong(1), r.getObject(2, OffsetDateTime.class).toInstant(), r.getString(3),
                            r.getString(4), r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9)));
                }
            }
            return Page.of(content, pageable, total);
        });
    }

    private static PreparedStatement bind(PreparedStatement statement, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
        return statement;
    }
}

package org.dataexchange.marketplace.volume;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.dataexchange.marketplace.Database;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.licence.VolumeCaps;
import org.dataexchange.marketplace.licence.VolumeMeasure;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.OrderView;
import org.dataexchange.marketplace.order.PurchaseOrder;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.marketplace.problem.ProblemType;

/**
 * What each licence has used of its volume caps (用途用量). A delivery path draws what it is about to deliver before
 * delivering it: {@link #draw} counts every measure at once or none, and refuses when one would pass its cap. The
 * count is a conditional row update ({@code used <= cap - amount}) on one row per order and measure, so concurrent
 * draws queue on the row and never overshoot, on H2 and on PostgreSQL alike; measures without a cap are counted too,
 * so the use is shown whether capped or not. Counted per agreement: the order the buyer bought (a subscription's
 * renewals carry the same agreement and share its caps).
 */
@Singleton
public class LicenceVolumes {

    @MappedEntity("licence_volume")
    record VolumeUsed(@Id String orderId, String measure, long used) {}

    @JdbcRepository(dialect = Dialect.H2)
    interface Counters extends CrudRepository<VolumeUsed, String> {
        /** This repository in PostgreSQL's dialect, in its place when the books are on PostgreSQL. */
        @JdbcRepository(dialect = Dialect.POSTGRES)
        @Replaces(Counters.class)
        @Requires(condition = Database.OnPostgres.class)
        interface OnPostgres extends Counters {}

        /** Counts {@code amount} unless that passes {@code cap}; 1 when counted, 0 when refused or the row is missing. */
        @Query("UPDATE licence_volume SET used = used + :amount WHERE order_id = :orderId AND measure = :measure"
                + " AND used <= :cap - :amount")
        long take(String orderId, String measure, long amount, long cap);

        @Query("UPDATE licence_volume SET used = used - :amount WHERE order_id = :orderId AND measure = :measure"
                + " AND used >= :amount")
        long giveBack(String orderId, String measure, long amount);

        @Query("INSERT INTO licence_volume (order_id, measure, used) VALUES (:orderId, :measure, 0)")
        void open(String orderId, String measure);

        List<VolumeUsed> findByOrderId(String orderId);
    }

    /** One measure of a licence: its cap (null: none), what was used and what is left (null: no cap). */
    @Serdeable
    public record Line(VolumeMeasure measure, @Nullable Long cap, long used, @Nullable Long left) {}

    /** A licence's volume: a line for each measure capped or used, in the measures' order. */
    @Serdeable
    public record Usage(String orderId, List<Line> lines) {}

    /** Draws commit (or roll back) on their own, whatever transaction the delivery path is in. */
    private static final TransactionDefinition OWN_TRANSACTION =
            TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW);

    private final Counters counters;
    private final OrderService orders;
    private final TransactionOperations<Connection> tx;

    LicenceVolumes(Counters counters, OrderService orders, TransactionOperations<Connection> tx) {
        this.counters = counters;
        this.orders = orders;
        this.tx = tx;
    }

    /** Draws one measure; see {@link #draw(PurchaseOrder, Map)}. */
    public void draw(PurchaseOrder order, VolumeMeasure measure, long amount) {
        draw(order, Map.of(measure, amount));
    }

    /**
     * Counts what a delivery under {@code order}'s licence is about to hand over (amounts of 0 are skipped), all
     * measures or none; throws {@link ProblemType#LICENCE_VOLUME_EXHAUSTED}, counting nothing, when any would pass the
     * licence's cap. Commits in a transaction of its own: call it before delivering, and {@link #giveBack}
     * when the delivery then fails.
     */
    public void draw(PurchaseOrder order, Map<VolumeMeasure, Long> amounts) {
        VolumeCaps caps = caps(order);
        Map<VolumeMeasure, Long> wanted = positive(amounts);
        if (wanted.isEmpty()) {
            return;
        }
        VolumeMeasure refused = tryDraw(order.id(), caps, wanted);
        if (refused != null) {
            // Perhaps the licence's first delivery: its rows exist now, opened here or by a concurrent first delivery
            // (which may have opened them after this draw found them missing, so this one tries again either way).
            missingRows(order.id(), wanted);
            refused = tryDraw(order.id(), caps, wanted);
        }
        if (refused != null) {
            long used = usedOf(order.id()).getOrDefault(refused, 0L);
            long cap = caps == null || caps.of(refused) == null ? Long.MAX_VALUE : caps.of(refused);
            throw exhausted(order, refused, cap, used, wanted.get(refused));
        }
    }

    private static ApiProblem exhausted(PurchaseOrder order, VolumeMeasure measure, long cap, long used, long needed) {
        return ApiProblem.of(ProblemType.LICENCE_VOLUME_EXHAUSTED, "Licence volume cap reached",
                "the licence of order " + order.id() + " allows " + cap + " " + measure.unitEn() + " in all; "
                        + used + " used, " + Math.max(0, cap - used) + " left, this delivery needs " + needed
                        + "; nothing was delivered");
    }

    /**
     * Refuses, as {@link #draw} would and counting nothing, when these amounts would pass a cap now: for handing out
     * the means of a delivery (a download link) that the delivery itself then counts.
     */
    public void requireRoomFor(PurchaseOrder order, Map<VolumeMeasure, Long> amounts) {
        VolumeCaps caps = caps(order);
        if (caps == null) {
            return;
        }
        Map<VolumeMeasure, Long> used = usedOf(order.id());
        for (Map.Entry<VolumeMeasure, Long> e : positive(amounts).entrySet()) {
            Long cap = caps.of(e.getKey());
            long u = used.getOrDefault(e.getKey(), 0L);
            if (cap != null && u > cap - e.getValue()) {
                throw exhausted(order, e.getKey(), cap, u, e.getValue());
            }
        }
    }

    /** Takes back a draw whose delivery did not happen (e.g. the ledger refused its receipt). */
    public void giveBack(PurchaseOrder order, Map<VolumeMeasure, Long> amounts) {
        Map<VolumeMeasure, Long> drawn = positive(amounts);
        tx.execute(OWN_TRANSACTION, status -> {
            drawn.forEach((m, n) -> counters.giveBack(order.id(), m.name(), n));
            return null;
        });
    }

    /** The licence's caps, use and what is left; for those who may see the order (404 otherwise). */
    public Usage usage(Viewer viewer, String orderId) {
        OrderView order = orders.get(viewer, orderId);
        VolumeCaps caps = order.details().terms().volumeCaps();
        Map<VolumeMeasure, Long> used = usedOf(orderId);
        List<Line> lines = new ArrayList<>();
        for (VolumeMeasure m : VolumeMeasure.values()) {
            Long cap = caps == null ? null : caps.of(m);
            long u = used.getOrDefault(m, 0L);
            if (cap != null || u > 0) {
                lines.add(new Line(m, cap, u, cap == null ? null : Math.max(0, cap - u)));
            }
        }
        return new Usage(orderId, lines);
    }

    private @Nullable VolumeCaps caps(PurchaseOrder order) {
        return orders.details(order).terms().volumeCaps();
    }

    /** The measure refused, or null when every amount was counted. */
    private @Nullable VolumeMeasure tryDraw(String orderId, @Nullable VolumeCaps caps, Map<VolumeMeasure, Long> wanted) {
        try {
            return tx.execute(OWN_TRANSACTION, status -> {
                // In the measures' order, so two draws lock the rows in the same order and cannot deadlock.
                for (Map.Entry<VolumeMeasure, Long> e : wanted.entrySet()) {
                    Long cap = caps == null ? null : caps.of(e.getKey());
                    if (counters.take(orderId, e.getKey().name(), e.getValue(), cap == null ? Long.MAX_VALUE : cap) == 0) {
                        throw new Refused(e.getKey());
                    }
                }
                return null;
            });
        } catch (Refused refused) {
            return refused.measure; // rolled back: nothing of this draw was counted
        }
    }

    /** Opens the rows missing for these measures (each in its own transaction; a concurrent opening wins). */
    private void missingRows(String orderId, Map<VolumeMeasure, Long> wanted) {
        Map<VolumeMeasure, Long> present = usedOf(orderId);
        for (VolumeMeasure m : wanted.keySet()) {
            if (!present.containsKey(m)) {
                try {
                    tx.execute(OWN_TRANSACTION, status -> {
                        counters.open(orderId, m.name());
                        return null;
                    });
                } catch (RuntimeException openedMeanwhile) {
                    // Another request opened it first (unique key); counting goes on against that row.
                }
            }
        }
    }

    private Map<VolumeMeasure, Long> usedOf(String orderId) {
        Map<VolumeMeasure, Long> used = new EnumMap<>(VolumeMeasure.class);
        for (VolumeUsed row : counters.findByOrderId(orderId)) {
            used.put(VolumeMeasure.valueOf(row.measure()), row.used());
        }
        return used;
    }

    private static Map<VolumeMeasure, Long> positive(Map<VolumeMeasure, Long> amounts) {
        Map<VolumeMeasure, Long> positive = new EnumMap<>(VolumeMeasure.class);
        amounts.forEach((m, n) -> {
            if (n == null || n < 0) {
                throw new IllegalArgumentException("a draw of " + m + " must be 0 or more, not " + n);
            }
            if (n > 0) {
                positive.put(m, n);
            }
        });
        return positive;
    }

    /** Rolls a draw back when one measure would pass its cap. */
    private static final class Refused extends RuntimeException {
        private final VolumeMeasure measure;

        Refused(VolumeMeasure measure) {
            super(measure.name(), null, false, false);
            this.measure = measure;
        }
    }
}

package org.dataexchange.marketplace.delivery;

import io.micronaut.core.type.Argument;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The answered queries a licence (order) remembers for overlap control: the last
 * {@code exchange.sandbox.remembered-queries} of them, each the row set its groups were drawn from. A licence's queries
 * are decided one at a time ({@link #oneAtATime}), so two queries sent together cannot both pass against a history that
 * holds neither, also when they reach different instances sharing the database.
 */
@Singleton
class AnsweredQueries {

    private final SandboxRecords.Answers answers;
    private final SandboxRecords.Histories histories;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final JsonMapper json;
    private final int window;
    /**
     * Striped by order: a licence's queries in this instance wait for each other here, without a database connection,
     * before one of them takes the licence's row lock; other licences' do not wait.
     */
    private final ReentrantLock[] stripes = new ReentrantLock[64];
    /** Queries of this instance waiting for their licence's turn or for a place in the engine: they hold no connection. */
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

    AnsweredQueries(SandboxRecords.Answers answers, SandboxRecords.Histories histories,
                    TransactionOperations<Connection> tx, Clock clock, JsonMapper json, SandboxSettings settings) {
        this.answers = answers;
        this.histories = histories;
        this.tx = tx;
        this.clock = clock;
        this.json = json;
        this.window = Math.max(1, settings.rememberedQueries());
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * Runs {@code work} (read the remembered answers, decide, remember the answer) in one transaction that holds the
     * licence's {@code sandbox_history} row locked ({@code SELECT ... FOR UPDATE}): a query of the same licence on
     * any instance sharing the database waits until this one's answer is remembered, or its work failed.
     *
     * <p>The transaction holds a database connection from the lock to the answer, while the engine runs. So a query
     * takes one only once it has its place in the engine ({@code admission}, {@link SandboxEngine#admit}): queries
     * waiting for a place (or for an earlier query of their licence in this instance) hold no connection, and the
     * sandbox holds at most {@code exchange.sandbox.concurrent-queries} connections of the pool
     * ({@link SandboxConnectionShare}).
     */
    <T> T oneAtATime(String orderId, Supplier<SandboxEngine.Admission> admission,
                     java.util.function.Function<SandboxEngine.Admission, T> work) {
        ReentrantLock lock = stripes[Math.floorMod(orderId.hashCode(), stripes.length)];
        SandboxEngine.Admission place;
        waiting.incrementAndGet();
        try {
            lock.lock();
            try {
                place = admission.get();
            } catch (RuntimeException busy) {
                lock.unlock();
                throw busy;
            }
        } finally {
            waiting.decrementAndGet();
        }
        try (SandboxEngine.Admission admitted = place) {
            if (!histories.existsById(orderId)) {
                try {
                    histories.save(new SandboxRecords.History(orderId, clock.instant()));
                } catch (DataAccessException raced) {
                    // another instance's query of this licence made the row first; it is there now
                }
            }
            return tx.executeWrite(status -> {
                histories.lock(orderId).orElseThrow(() -> new IllegalStateException("no sandbox history row for " + orderId));
                return work.apply(admitted);
            });
        } finally {
            lock.unlock();
        }
    }

    /** How many queries of this instance wait, without a connection, for their licence's turn or a place in the engine. */
    int waiting() {
        return waiting.get();
    }

    /** The order's last remembered answers, newest first. */
    List<OverlapControl.Answer> remembered(String orderId) {
        return answers.findByOrderId(orderId, Pageable.from(0, window, Sort.of(Sort.Order.desc("answeredAt")))).stream()
                .map(a -> new OverlapControl.Answer(a.rowCondition(), decode(read(a.parametersJson())), a.groupKey(),
                        a.groupColumnsJson() == null ? null : read(a.groupColumnsJson()), read(a.groupKeysJson())))
                .toList();
    }

    /** Remembers the groups a query answered (their keys), and forgets what fell out of the window. */
    void remember(String orderId, SandboxQuery.Compiled query, List<String> answeredKeys, Instant at) {
        answers.save(new SandboxRecords.Answer(UUID.randomUUID().toString(), orderId, at, query.where(),
                write(encode(query.parameters())), query.groupKey(), write(answeredKeys), write(query.groupColumns())));
        List<SandboxRecords.Answer> kept = answers.findByOrderId(orderId,
                Pageable.from(window - 1, 1, Sort.of(Sort.Order.desc("answeredAt"))));
        if (!kept.isEmpty()) {
            answers.deleteByOrderIdAndAnsweredAtLessThan(orderId, kept.get(0).answeredAt());
        }
    }

    /** Bound values with their types, as the compiler made them: whole numbers, decimals, text, true/false. */
    private static List<String> encode(List<Object> parameters) {
        List<String> typed = new ArrayList<>();
        for (Object p : parameters) {
            typed.add(switch (p) {
                case Long l -> "L:" + l;
                case BigDecimal d -> "D:" + d.toPlainString();
                case Boolean b -> "B:" + b;
                case String s -> "S:" + s;
                default -> throw new IllegalStateException("a sandbox parameter of type " + p.getClass());
            });
        }
        return typed;
    }

    private static List<Object> decode(List<String> typed) {
        List<Object> parameters = new ArrayList<>();
        for (String t : typed) {
            String v = t.substring(2);
            parameters.add(switch (t.charAt(0)) {
                case 'L' -> Long.parseLong(v);
                case 'D' -> new BigDecimal(v);
                case 'B' -> Boolean.parseBoolean(v);
                case 'S' -> v;
                default -> throw new IllegalStateException("a remembered sandbox parameter " + t);
            });
        }
        return parameters;
    }

    private String write(List<String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> read(String text) {
        try {
            return json.readValue(text, Argument.listOf(String.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.dataexchange.marketplace.delivery;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Limits of the query sandbox ({@code exchange.sandbox.*}): how long one query may run before it is cancelled, how much
 * memory the engine may take for it, how many groups a query may answer, and how many queries run at once (the rest
 * wait up to the time limit, then are refused), and how many of a licence's last answered queries overlap control
 * compares a new query with ({@link OverlapControl}).
 */
@ConfigurationProperties("exchange.sandbox")
record SandboxSettings(@Bindable(defaultValue = "10s") Duration queryTimeout,
                       @Bindable(defaultValue = "256") int memoryLimitMb,
                       @Bindable(defaultValue = "1000") int maxGroups,
                       @Bindable(defaultValue = "2") int concurrentQueries,
                       @Bindable(defaultValue = "50") int rememberedQueries) {}

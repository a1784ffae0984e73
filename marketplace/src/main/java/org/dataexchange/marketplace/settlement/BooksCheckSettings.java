package org.dataexchange.marketplace.settlement;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The books check ({@code exchange.books-check.*}): how often it runs, and how old a ledger confirmation must be before
 * a trade the books have not settled counts as unbooked (younger ones are still being posted).
 */
@ConfigurationProperties("exchange.books-check")
public record BooksCheckSettings(@Bindable(defaultValue = "10s") Duration interval,
                                 @Bindable(defaultValue = "60s") Duration grace) {}

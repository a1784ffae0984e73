package org.dataexchange.marketplace.catalogue;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How each instance keeps its search index current ({@code exchange.catalogue.search.*}): how often it reads the
 * catalogue's change feed for changes made through any instance, how long a gap in the feed's numbers is waited for
 * (a transaction that took a number and has not committed yet), and how long feed rows are kept.
 */
@ConfigurationProperties("exchange.catalogue.search")
record CatalogueSearchSettings(@Bindable(defaultValue = "1s") Duration refreshEvery,
                               @Bindable(defaultValue = "30s") Duration gapWait,
                               @Bindable(defaultValue = "1h") Duration feedRetention) {}

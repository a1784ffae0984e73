package org.dataexchange.marketplace.settlement;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Settlement tuning ({@code exchange.settlement.*}): whether this instance runs the background workers that write to the
 * ledger (the settlement outbox, the dispute-outcome outbox, the event confirmations and the books check), and how long
 * a claimed settlement batch belongs to its worker before another may take it.
 */
@ConfigurationProperties("exchange.settlement")
public record SettlementSettings(@Bindable(defaultValue = "true") boolean workerEnabled,
                                 @Bindable(defaultValue = "60s") Duration lease) {}

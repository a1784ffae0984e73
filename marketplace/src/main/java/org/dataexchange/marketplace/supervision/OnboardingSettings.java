package org.dataexchange.marketplace.supervision;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Onboarding ({@code exchange.onboarding.*}): how long the operator has to decide a merchant's application before it
 * is flagged overdue.
 */
@ConfigurationProperties("exchange.onboarding")
public record OnboardingSettings(@Bindable(defaultValue = "5d") Duration reviewWithin) {}

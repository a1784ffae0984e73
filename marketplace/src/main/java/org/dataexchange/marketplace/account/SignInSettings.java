package org.dataexchange.marketplace.account;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The sign-in throttle ({@code exchange.sign-in.*}): wrong passwords allowed per account and per client address within
 * {@code window} before sign-in locks for {@code lock}.
 */
@ConfigurationProperties("exchange.sign-in")
record SignInSettings(@Bindable(defaultValue = "5") int maxAccountFailures,
                      @Bindable(defaultValue = "20") int maxAddressFailures,
                      @Bindable(defaultValue = "15m") Duration window,
                      @Bindable(defaultValue = "15m") Duration lock) {}

package org.dataexchange.marketplace.request;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** JSON request bodies ({@code exchange.request.*}): the largest accepted, 256 KiB by default; files go as multipart. */
@ConfigurationProperties("exchange.request")
record RequestLimits(@Bindable(defaultValue = "262144") long maxBodyBytes) {}

package org.dataexchange.marketplace.request;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Uploads ({@code exchange.upload.*}): the largest data file a merchant may upload, enforced while it streams to disk
 * (default 512 MiB; the server's own multipart limit, {@code micronaut.server.multipart.max-file-size}, sits above it).
 */
@ConfigurationProperties("exchange.upload")
public record UploadLimits(@Bindable(defaultValue = "536870912") long maxBytes) {}

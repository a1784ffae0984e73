package org.dataexchange.marketplace.catalogue;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** One page of products: {@code content} and the number of all matches, {@code totalSize}. */
@Serdeable
public record ProductPage(List<ProductSummary> content, long totalSize, int page, int size) {}

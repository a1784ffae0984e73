package org.dataexchange.ledger.product;

import java.util.List;

/** A product with all its registered versions, oldest key first. */
public record Product(String productId, String merchantId, List<ProductVersion> versions) {}

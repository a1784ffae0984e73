package org.dataexchange.ledger.state;

import java.util.List;

/**
 * One page of a query. Pass {@code bookmark} back to get the next page; it is empty on the last page.
 */
public record Page<T>(List<T> records, String bookmark, int fetchedRecordsCount) {}

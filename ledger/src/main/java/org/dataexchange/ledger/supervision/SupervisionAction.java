package org.dataexchange.ledger.supervision;

import java.time.Instant;

/** A recorded supervision action: the request as submitted, and when and in which transaction it was recorded. */
public record SupervisionAction(SupervisionActionRequest request, Instant recordedAt, String txId) {}

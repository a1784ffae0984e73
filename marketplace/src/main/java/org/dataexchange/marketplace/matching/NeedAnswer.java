package org.dataexchange.marketplace.matching;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A merchant's answer to a need: the private offer (plan {@code planId}) made on one of its listed products. */
@MappedEntity("need_answer")
record NeedAnswer(@Id String id, String needId, String merchantOrgId, String merchantUsername, String productId,
                  String planId, long priceMinor, String currency, String note, AnswerState state,
                  @Nullable String orderId, Instant createdAt, Instant updatedAt) {}

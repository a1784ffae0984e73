package org.dataexchange.marketplace.matching;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.marketplace.catalogue.Industry;

/** A buyer's data need as stored: what it wants, for what, the budget, until when and at which classifications. */
@MappedEntity("data_need")
record DataNeed(@Id String id, String buyerOrgId, String buyerAccountId, String buyerUsername, String title,
                String description, Industry industry, String scenarioPurpose, String scenarioLocation,
                long budgetMinMinor, long budgetMaxMinor, String currency, Instant deadline, String classifications,
                NeedState state, @Nullable String acceptedAnswerId, @Nullable String orderId,
                @Nullable String closedReason, Instant createdAt, Instant updatedAt) {

    Set<ClassificationLevel> acceptable() {
        EnumSet<ClassificationLevel> levels = EnumSet.noneOf(ClassificationLevel.class);
        Arrays.stream(classifications.split(",")).filter(s -> !s.isBlank()).map(ClassificationLevel::valueOf)
                .forEach(levels::add);
        return levels;
    }

    /** Open and before its deadline: answers can be given and accepted. */
    boolean openAt(Instant now) {
        return state == NeedState.OPEN && now.isBefore(deadline);
    }
}

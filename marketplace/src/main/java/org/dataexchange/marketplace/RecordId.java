package org.dataexchange.marketplace;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Ids of new rows: version 7 UUIDs, which start with the time, so rows written together sit together in the
 * primary-key index. Random (version 4) ids spread every insert over the whole index, and the database then
 * rewrites a page per insert instead of a page per few hundred. The 74 random bits still make ids unguessable.
 */
public final class RecordId {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private RecordId() {}

    public static String next() {
        return GENERATOR.generate().toString();
    }
}

package org.dataexchange.marketplace.licence;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a licence's volume cap (用途用量) counts: data records delivered (file rows, records returned by calls), metered
 * API calls, sandbox queries, or file downloads. Each is an ODRL {@code count} constraint with its own unit, so a
 * reader tells it apart from the seat count.
 */
@io.micronaut.serde.annotation.Serdeable
public enum VolumeMeasure {
    RECORDS("dx:record", "条记录", "records"),
    CALLS("dx:call", "次调用", "calls"),
    QUERIES("dx:query", "次查询", "queries"),
    DOWNLOADS("dx:download", "次下载", "downloads");

    private final String odrlUnit;
    private final String unitZh;
    private final String unitEn;

    VolumeMeasure(String odrlUnit, String unitZh, String unitEn) {
        this.odrlUnit = odrlUnit;
        this.unitZh = unitZh;
        this.unitEn = unitEn;
    }

    /** The unit of its ODRL {@code count} constraint, e.g. {@code dx:download}. */
    public String odrlUnit() {
        return odrlUnit;
    }

    /** e.g. "次下载", written after the number. */
    public String unitZh() {
        return unitZh;
    }

    /** e.g. "downloads", written after the number. */
    public String unitEn() {
        return unitEn;
    }

    static Optional<VolumeMeasure> fromOdrlUnit(Object unit) {
        return Arrays.stream(values()).filter(m -> m.odrlUnit.equals(unit)).findFirst();
    }
}

package org.dataexchange.marketplace.conduct;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * The rules' numbers ({@code exchange.conduct.*}); marketplace/README.md explains each rule.
 *
 * @param publicMinParties a public price cell is shown only when at least this many distinct merchants AND this many
 *     distinct buyers traded in it: with fewer, its quartiles are one merchant's prices, or one buyer's spend
 * @param outlierIqrFactor a product's price is far above its comparables when it exceeds Q3 + factor × IQR of them
 * @param outlierMinExcessPercent ... and exceeds Q3 by at least this share (comparables all at one price have IQR 0)
 * @param outlierMinComparables at least this many comparable products, or no outlier is judged
 * @param discriminationPeriod the period within which one product's prices to comparable buyers are compared
 * @param discriminationSpreadPercent flagged when the highest price exceeds the lowest by more than this share
 * @param tiedMinOrders a product needs at least this many orders before "only ever sold with another" means anything
 * @param tiedWindow an order of the other product by the same buyer within this time counts as "together"
 * @param reportFonts TrueType fonts (.ttf or .ttc with glyf outlines) with Chinese glyphs for the PDF, first found wins
 */
@ConfigurationProperties("exchange.conduct")
record ConductSettings(@Bindable(defaultValue = "3") int publicMinParties,
                       @Bindable(defaultValue = "3") double outlierIqrFactor,
                       @Bindable(defaultValue = "50") int outlierMinExcessPercent,
                       @Bindable(defaultValue = "4") int outlierMinComparables,
                       @Bindable(defaultValue = "MONTH") Period discriminationPeriod,
                       @Bindable(defaultValue = "10") int discriminationSpreadPercent,
                       @Bindable(defaultValue = "3") int tiedMinOrders,
                       @Bindable(defaultValue = "30m") Duration tiedWindow,
                       @Bindable(defaultValue = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc,/usr/share/fonts/truetype/wqy/wqy-microhei.ttc,/usr/share/fonts/truetype/arphic/uming.ttc")
                       List<String> reportFonts) {

    /** Calendar periods in UTC. */
    enum Period { DAY, WEEK, MONTH }
}

package org.dataexchange.marketplace.credit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The credit score's rules ({@code exchange.credit.*}), published as they are configured ({@code GET /api/credit/rules}):
 * a party starts at {@code base}; each standing event adds its kind's points (negative for a fault); the score stays
 * within [0, {@code ceiling}]. Withdrawn events (an upheld objection) and repaired ones (an approved credit repair)
 * count nothing. A party may apply for repair once {@code repairAfter} has passed since its last negative event. The
 * thresholds gate what a party may do.
 */
@ConfigurationProperties("exchange.credit")
public class CreditRules {

    private int base = 100;
    private int ceiling = 100;
    private int warningTalk = -5;
    private int listingTakedown = -10;
    private int suspension = -20;
    private int disqualification = -60;
    private int upheldComplaint = -8;
    private int refusedTrade = -5;
    private int lateDelivery = -3;
    private int onTimeRecord = 1;
    private Duration repairAfter = Duration.ofDays(90);
    private int submitProductsMinScore = 60;
    private int placeOrdersMinScore = 40;
    private int largeOrderMinScore = 70;
    private long largeOrderMinor = 1_000_000;

    /** The points of an event of this kind. */
    public int points(CreditEventKind kind) {
        return switch (kind) {
            case WARNING_TALK -> warningTalk;
            case LISTING_TAKEDOWN -> listingTakedown;
            case SUSPENSION -> suspension;
            case DISQUALIFICATION -> disqualification;
            case UPHELD_COMPLAINT -> upheldComplaint;
            case REFUSED_TRADE -> refusedTrade;
            case LATE_DELIVERY -> lateDelivery;
            case ON_TIME_RECORD -> onTimeRecord;
        };
    }

    /** The rules as published to every party. */
    @Serdeable
    public record Published(int base, int ceiling, Map<CreditEventKind, Integer> points, String repairAfter,
                            int submitProductsMinScore, int placeOrdersMinScore, int largeOrderMinScore,
                            long largeOrderMinor) {}

    public Published published() {
        Map<CreditEventKind, Integer> points = new EnumMap<>(CreditEventKind.class);
        for (CreditEventKind k : CreditEventKind.values()) {
            points.put(k, points(k));
        }
        return new Published(base, ceiling, points, repairAfter.toString(), submitProductsMinScore, placeOrdersMinScore,
                largeOrderMinScore, largeOrderMinor);
    }

    public int getBase() { return base; }
    public void setBase(int base) { this.base = base; }
    public int getCeiling() { return ceiling; }
    public void setCeiling(int ceiling) { this.ceiling = ceiling; }
    public int getWarningTalk() { return warningTalk; }
    public void setWarningTalk(int v) { this.warningTalk = v; }
    public int getListingTakedown() { return listingTakedown; }
    public void setListingTakedown(int v) { this.listingTakedown = v; }
    public int getSuspension() { return suspension; }
    public void setSuspension(int v) { this.suspension = v; }
    public int getDisqualification() { return disqualification; }
    public void setDisqualification(int v) { this.disqualification = v; }
    public int getUpheldComplaint() { return upheldComplaint; }
    public void setUpheldComplaint(int v) { this.upheldComplaint = v; }
    public int getRefusedTrade() { return refusedTrade; }
    public void setRefusedTrade(int v) { this.refusedTrade = v; }
    public int getLateDelivery() { return lateDelivery; }
    public void setLateDelivery(int v) { this.lateDelivery = v; }
    public int getOnTimeRecord() { return onTimeRecord; }
    public void setOnTimeRecord(int v) { this.onTimeRecord = v; }
    public Duration getRepairAfter() { return repairAfter; }
    public void setRepairAfter(Duration v) { this.repairAfter = v; }
    public int getSubmitProductsMinScore() { return submitProductsMinScore; }
    public void setSubmitProductsMinScore(int v) { this.submitProductsMinScore = v; }
    public int getPlaceOrdersMinScore() { return placeOrdersMinScore; }
    public void setPlaceOrdersMinScore(int v) { this.placeOrdersMinScore = v; }
    public int getLargeOrderMinScore() { return largeOrderMinScore; }
    public void setLargeOrderMinScore(int v) { this.largeOrderMinScore = v; }
    public long getLargeOrderMinor() { return largeOrderMinor; }
    public void setLargeOrderMinor(long v) { this.largeOrderMinor = v; }
}

package org.dataexchange.settlementclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.dataexchange.devnet.Devnet;
import org.dataexchange.ledger.offvenue.OffVenueDeal;
import org.dataexchange.ledger.offvenue.OffVenueDealRequest;
import org.dataexchange.ledger.offvenue.OffVenuePlanKind;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.support.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The off-venue contract's transactions through the typed client on an in-process devnet. */
class OffVenueDealClientTest {

    @TempDir
    Path data;

    private final LedgerAccess access = new LedgerAccess();
    private Devnet devnet;
    private SettlementClient operator;
    private SettlementClient regulator;

    @BeforeEach
    void connect() throws Exception {
        devnet = Devnet.start(LedgerAccess.settlementDevnet(data));
        operator = access.inProcess(devnet, devnet.operatorMspId(), ClientOptions.defaults());
        regulator = access.inProcess(devnet, devnet.regulatorMspId(), ClientOptions.defaults());
    }

    @AfterEach
    void close() throws Exception {
        regulator.close();
        operator.close();
        access.close();
        devnet.close();
    }

    @Test
    void recordsReadsAndAnswersARepeatAsAlreadyRecorded() throws Exception {
        OffVenueDealRequest deal = new OffVenueDealRequest("OV-1", Fixtures.sha256("描述"), "TRANSPORT",
                ClassificationLevel.GENERAL, OffVenuePlanKind.SUBSCRIPTION, "M-1", "B-1", 880_000, "CNY", "加工使用权一年",
                "运力规划", "2026-11-02", "operator:o");
        Committed<OffVenueDeal> written = operator.recordOffVenueDeal(deal).get(30, TimeUnit.SECONDS);
        assertThat(written.record().venue()).isEqualTo(OffVenueDeal.OFF_VENUE);
        assertThat(written.record().txId()).isEqualTo(written.transactionId());
        assertThat(written.blockNumber()).isPositive();
        Committed<OffVenueDeal> again = operator.recordOffVenueDeal(deal).get(30, TimeUnit.SECONDS);
        assertThat(again.alreadyRecorded()).isTrue();
        assertThat(again.transactionId()).isEqualTo(written.transactionId());
        assertThat(regulator.offVenueDeal("OV-1")).isEqualTo(written.record());
        assertThat(regulator.offVenueDeals(10, "").records()).containsExactly(written.record());
        assertThat(regulator.offVenueDealsByParty("M-1")).containsExactly(written.record());
        assertThatThrownBy(() -> regulator.offVenueDeal("OV-2")).isInstanceOf(ContractRefusedException.class);
    }
}

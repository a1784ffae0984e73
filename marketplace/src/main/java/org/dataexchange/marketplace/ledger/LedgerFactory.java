package org.dataexchange.marketplace.ledger;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.dataexchange.settlementclient.SettlementClient;

/**
 * The ledger clients as beans: the operator's by default, the regulator's by name. {@link LedgerClients} owns
 * and closes them.
 */
@Factory
public class LedgerFactory {

    @Singleton
    @Primary
    public SettlementClient operatorLedger(LedgerClients ledger) {
        return ledger.operator();
    }

    /**
     * The regulator's own ledger identity: the regulator API reads trades and blocks with it, not through the
     * operator's identity or database (on a real network, the regulator organisation's peer).
     */
    @Singleton
    @Named("regulator")
    public SettlementClient regulatorLedger(LedgerClients ledger) {
        return ledger.regulator();
    }
}

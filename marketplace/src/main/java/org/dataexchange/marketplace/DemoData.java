package org.dataexchange.marketplace;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.UUID;
import org.dataexchange.marketplace.account.AccountService;
import org.dataexchange.marketplace.account.Role;
import org.dataexchange.marketplace.organisation.Organisation;
import org.dataexchange.marketplace.organisation.OrganisationKind;

/**
 * Demo organisations and the accounts demo-merchant, demo-buyer, demo-operator and demo-regulator
 * (password {@code demo}), loaded only when {@code exchange.demo} is true. Fictitious organisations with
 * valid credit codes.
 */
@Singleton
@Requires(property = "exchange.demo", value = "true")
public class DemoData {

    public static final String PASSWORD = "demo";

    private final AccountService accounts;

    public DemoData(AccountService accounts) {
        this.accounts = accounts;
    }

    @EventListener
    public void onStartup(StartupEvent event) {
        accounts.createStaff("demo-operator", PASSWORD, Role.OPERATOR,
                org("示范数据交易所运营有限公司 Demo Exchange Operator Co.", "91310115MA1KABCD51", OrganisationKind.OPERATOR));
        accounts.createStaff("demo-regulator", PASSWORD, Role.REGULATOR,
                org("示范数据监管局 Demo Data Regulator", "11310000MB2C12345F", OrganisationKind.REGULATOR));
        accounts.createStaff("demo-merchant", PASSWORD, Role.MERCHANT,
                org("海天气象数据科技有限公司 Haitian Meteorological Data Ltd.", "91310115MA1KEFGH6T", OrganisationKind.MERCHANT));
        accounts.createStaff("demo-buyer", PASSWORD, Role.BUYER,
                org("东港物流股份有限公司 Donggang Logistics Co.", "91310115MA1KJK1275", OrganisationKind.BUYER));
    }

    private static Organisation org(String name, String creditCode, OrganisationKind kind) {
        return new Organisation(UUID.randomUUID().toString(), name, creditCode, kind, Instant.now());
    }
}

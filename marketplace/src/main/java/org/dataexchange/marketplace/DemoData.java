package org.dataexchange.marketplace;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.dataexchange.ledger.product.ClassificationLevel;
import org.dataexchange.ledger.product.SourceType;
import org.dataexchange.marketplace.account.AccountService;
import org.dataexchange.marketplace.account.AccountView;
import org.dataexchange.marketplace.account.Role;
import org.dataexchange.marketplace.catalogue.CatalogueService;
import org.dataexchange.marketplace.catalogue.DemoCatalogue;
import org.dataexchange.marketplace.catalogue.ListingReview;
import org.dataexchange.marketplace.catalogue.MerchantProducts;
import org.dataexchange.marketplace.catalogue.LicenceOffer;
import org.dataexchange.marketplace.catalogue.PricingPlan;
import org.dataexchange.marketplace.catalogue.ProductDetails;
import org.dataexchange.marketplace.catalogue.ProductDraft;
import org.dataexchange.marketplace.catalogue.ProductSheet;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.organisation.CreditCode;
import org.dataexchange.marketplace.organisation.Organisation;
import org.dataexchange.marketplace.organisation.OrganisationKind;
import org.dataexchange.marketplace.payment.Wallets;

/**
 * Demo organisations, the accounts demo-merchant, demo-buyer, demo-operator and demo-regulator (password
 * {@code demo}) and a catalogue of listed products that went through the real review and ledger registration,
 * loaded only when {@code exchange.demo} is true and only into an empty catalogue. Organisations are fictitious;
 * their credit codes are valid.
 */
@Singleton
@Requires(property = "exchange.demo", value = "true")
public class DemoData {

    public static final String PASSWORD = "demo";
    public static final String DEMO_BUYER_CREDIT_CODE = "91310115MA1KJK1275";

    private final AccountService accounts;
    private final CatalogueService catalogue;
    private final MerchantProducts merchantProducts;
    private final ListingReview listingReview;
    private final Wallets wallets;
    private final org.dataexchange.marketplace.supervision.Onboarding onboarding;

    public DemoData(AccountService accounts, CatalogueService catalogue, MerchantProducts merchantProducts, ListingReview listingReview,
                    Wallets wallets, org.dataexchange.marketplace.supervision.Onboarding onboarding) {
        this.onboarding = onboarding;
        this.wallets = wallets;
        this.accounts = accounts;
        this.catalogue = catalogue;
        this.merchantProducts = merchantProducts;
        this.listingReview = listingReview;
    }

    @EventListener
    public void onStartup(StartupEvent event) {
        AccountView operator = accounts.createStaff("demo-operator", PASSWORD, Role.OPERATOR,
                org("示范数据交易所运营有限公司 Demo Exchange Operator Co.", "91310115MA1KABCD51", OrganisationKind.OPERATOR));
        accounts.createStaff("demo-regulator", PASSWORD, Role.REGULATOR,
                org("示范数据监管局 Demo Data Regulator", "11310000MB2C12345F", OrganisationKind.REGULATOR));
        List<AccountView> merchants = new ArrayList<>();
        merchants.add(accounts.createStaff("demo-merchant", PASSWORD, Role.MERCHANT,
                org("海天气象数据科技有限公司 Haitian Meteorological Data Ltd.", "91310115MA1KEFGH6T", OrganisationKind.MERCHANT)));
        String[][] more = {
            {"demo-merchant-ocean", "蓝湾海洋信息有限公司 Bluebay Ocean Information Ltd.", "91370200MA3C0CEAN"},
            {"demo-merchant-mobility", "捷行交通大数据有限公司 Jiexing Mobility Data Ltd.", "91440300MA5GM0B1L"},
            {"demo-merchant-insight", "衡数产业研究院有限公司 Hengshu Industry Insight Ltd.", "91110108MA01N51GH"}};
        for (String[] m : more) {
            merchants.add(accounts.createStaff(m[0], PASSWORD, Role.MERCHANT,
                    org(m[1], CreditCode.withCheckCharacter(m[2]), OrganisationKind.MERCHANT)));
        }
        // The demo merchants are admitted as if their onboarding applications had been approved.
        merchants.forEach(m -> onboarding.admitWithoutApplication(m.organisation().id()));
        AccountView buyer = accounts.createStaff("demo-buyer", PASSWORD, Role.BUYER,
                org("东港物流股份有限公司 Donggang Logistics Co.", DEMO_BUYER_CREDIT_CODE, OrganisationKind.BUYER));
        if (wallets.balance(buyer.organisation().id(), Wallets.Kind.AVAILABLE, "CNY") == 0) {
            // The demo buyer starts with 1,000,000.00 CNY.
            wallets.topUp(buyer.organisation().id(), 100_000_000L, "CNY", "demo opening balance", "demo");
        }
        if (catalogue.isEmpty()) {
            loadCatalogue(merchants, new Viewer(operator.username(), Role.OPERATOR, operator.organisation().id()));
        }
    }

    private void loadCatalogue(List<AccountView> merchants, Viewer operator) {
        for (DemoCatalogue.Item item : DemoCatalogue.ITEMS) {
            AccountView m = merchants.get(item.merchant());
            Viewer merchant = new Viewer(m.username(), Role.MERCHANT, m.organisation().id());
            ProductSheet created = merchantProducts.create(merchant, draft(item));
            byte[] file = DemoCatalogue.sampleFile(item).getBytes(StandardCharsets.UTF_8);
            merchantProducts.uploadVersion(merchant, created.id(), "1.0", "sample.csv", new ByteArrayInputStream(file));
            merchantProducts.submit(merchant, created.id(), true, true, true, "数据来源合法、权属清晰、质量如实描述");
            listingReview.approve(operator, created.id(), null);
        }
    }

    private static ProductDraft draft(DemoCatalogue.Item item) {
        boolean gated = item.level() != ClassificationLevel.GENERAL;
        List<ProductDetails.Contributor> contributors = item.source() == SourceType.PUBLIC
                ? List.of(new ProductDetails.Contributor("公共数据授权运营方 Public data steward", "public-data-steward", 1500))
                : List.of(new ProductDetails.Contributor("上游观测网络 Upstream sensor network", "upstream-sensors", 1000));
        int platform = 500;
        int merchantShare = 10_000 - platform - contributors.get(0).shareBp();
        PricingPlan plan = switch (item.plan()) {
            case ONE_OFF, PRIVATE_OFFER -> new PricingPlan("one-off", PricingPlan.Kind.ONE_OFF, "CNY", item.priceFen(), null, 0, 0, 0, null, null);
            case SUBSCRIPTION -> new PricingPlan("monthly", PricingPlan.Kind.SUBSCRIPTION, "CNY", item.priceFen(),
                    PricingPlan.Period.MONTH, 0, 0, 0, null, null);
            case METERED -> new PricingPlan("per-call", PricingPlan.Kind.METERED, "CNY", 0, null, 1000, item.priceFen(),
                    item.priceFen() * 200_000, null, null);
        };
        return new ProductDraft(item.titleZh(), item.descriptionZh(), item.titleEn(), item.descriptionEn(), List.of(item.tags().split(" ")), item.industry(),
                item.source(), item.level(), item.category(), item.modes(), false,
                new ProductDetails.Provenance(List.of(item.category().split("/")[0] + "原始观测与业务系统"),
                        DemoCatalogue.collectedFrom(item), null, 1_000_000L + Math.floorMod(item.title().hashCode(), 9_000_000), "每日 daily"),
                contributors, merchantShare, platform,
                List.of(new ProductDetails.SchemaField("time", "timestamp", "UTC 时间 / observation time"),
                        new ProductDetails.SchemaField("region", "string", "ISO 3166-2 地区 / region"),
                        new ProductDetails.SchemaField("value", "number", "指标值 / measured value")),
                DemoCatalogue.sampleRows(), new ProductDetails.Quality(98, 95, "抽样核验与交叉比对 sampling and cross-checks"),
                gated ? new ProductDetails.FilingRecord("BA-2026-" + Math.floorMod(item.title().hashCode(), 100000),
                        "自有观测网络与授权数据", item.purpose(), "全国 nationwide", "数据安全负责人 data security officer",
                        "仅向经审核的买方提供 vetted buyers only", false, "分级访问控制、加密存储、审计日志", 1_000_000L) : null,
                item.source() == SourceType.PERSONAL ? new ProductDetails.PersonalDataBasis(
                        ProductDetails.PersonalDataBasis.Kind.ANONYMISATION_ATTESTATION, "ANON-" + Math.floorMod(item.title().hashCode(), 10000)) : null,
                new LicenceOffer.Draft(item.template(), List.of(item.purpose()), null, null, null, null, null, null, null, null),
                item.title().startsWith("区域GDP月度估算")
                        // matching: the demo buyer asked for this data, the merchant answered with a private offer
                        ? List.of(plan, new PricingPlan("private-donggang", PricingPlan.Kind.PRIVATE_OFFER, "CNY", 250_000, null,
                                0, 0, 0, DEMO_BUYER_CREDIT_CODE, null))
                        : List.of(plan), null);
    }

    private static Organisation org(String name, String creditCode, OrganisationKind kind) {
        return new Organisation(UUID.randomUUID().toString(), name, creditCode, kind, Instant.now());
    }
}

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
import org.dataexchange.marketplace.catalogue.ProductSummary;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.organisation.CreditCode;
import org.dataexchange.marketplace.organisation.Organisation;
import org.dataexchange.marketplace.organisation.OrganisationKind;
import org.dataexchange.marketplace.order.OrderBook;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.OrderStatus;
import org.dataexchange.marketplace.order.PlaceOrder;
import org.dataexchange.marketplace.order.PurchaseOrder;
import org.dataexchange.marketplace.payment.Wallets;
import org.dataexchange.marketplace.problem.ApiProblem;

/**
 * Demo organisations, the accounts demo-merchant, demo-buyer, demo-operator and demo-regulator (password
 * {@code demo}) and a catalogue of listed products that went through the real review and ledger registration,
 * loaded only when {@code exchange.demo} is true and only into an empty catalogue. Organisations are fictitious;
 * their credit codes are valid.
 *
 * <p>One derived product too ({@link DemoCatalogue#DERIVED}): demo-merchant-insight buys a RESALE licence of
 * demo-merchant-mobility's {@link DemoCatalogue#DERIVATION_PARENT} through the store's order, payment and ledger
 * settlement, and lists a product derived under it through the review. Settlement and registration answer when the
 * ledger does, so this runs in a background round after start-up, one step a round, each step found again from the
 * books (the order by its idempotency key, the products by title), until the derived product is listed or its
 * registration is on its way: a restart, or a slow or absent ledger, resumes where it stopped and never buys twice.
 */
@Singleton
@Requires(property = "exchange.demo", value = "true")
public class DemoData {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DemoData.class);

    public static final String PASSWORD = "demo";
    public static final String DEMO_BUYER_CREDIT_CODE = "91310115MA1KJK1275";

    private final AccountService accounts;
    private final CatalogueService catalogue;
    private final MerchantProducts merchantProducts;
    private final ListingReview listingReview;
    private final Wallets wallets;
    private final org.dataexchange.marketplace.supervision.Onboarding onboarding;
    private final OrderService orders;
    private final OrderBook orderBook;
    private final RecurringTask derivation = new RecurringTask("demo-derivation");
    private volatile Derivation derivationSteps;

    /** The idempotency key of the demo's licence order: a restart that places it again is answered with the same order. */
    static final String DERIVATION_ORDER_KEY = "demo-derived-product-parent-licence";

    public DemoData(AccountService accounts, CatalogueService catalogue, MerchantProducts merchantProducts, ListingReview listingReview,
                    Wallets wallets, org.dataexchange.marketplace.supervision.Onboarding onboarding, OrderService orders,
                    OrderBook orderBook) {
        this.orders = orders;
        this.orderBook = orderBook;
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
        Viewer operatorViewer = new Viewer(operator.username(), Role.OPERATOR, operator.organisation().id());
        if (catalogue.isEmpty()) {
            loadCatalogue(merchants, operatorViewer);
        }
        derivationSteps = new Derivation(merchants, operatorViewer);
        derivation.start(java.time.Duration.ZERO, java.time.Duration.ofSeconds(1), () -> {
            Derivation steps = derivationSteps;
            if (steps != null && steps.step()) {
                derivationSteps = null; // done: the later rounds do nothing
            }
        });
    }

    @jakarta.annotation.PreDestroy
    void stop() throws InterruptedException {
        derivation.close();
    }

    private void loadCatalogue(List<AccountView> merchants, Viewer operator) {
        for (DemoCatalogue.Item item : DemoCatalogue.ITEMS) {
            list(merchants, operator, item, null);
        }
    }

    /** Drafts, uploads, submits and approves one demo product through the real review; the ledger registers it. */
    private ProductSheet list(List<AccountView> merchants, Viewer operator, DemoCatalogue.Item item, List<String> parents) {
        Viewer merchant = viewer(merchants.get(item.merchant()));
        ProductSheet created = merchantProducts.create(merchant, draft(item, parents));
        byte[] file = DemoCatalogue.sampleFile(item).getBytes(StandardCharsets.UTF_8);
        merchantProducts.uploadVersion(merchant, created.id(), "1.0", "sample.csv", new ByteArrayInputStream(file));
        merchantProducts.submit(merchant, created.id(), true, true, true, parents == null ? "数据来源合法、权属清晰、质量如实描述"
                : "由已授权数据衍生，授权许可允许衍生与转售 derived under licences that permit deriving and resale");
        return listingReview.approve(operator, created.id(), null);
    }

    private static Viewer viewer(AccountView account) {
        return new Viewer(account.username(), account.role(), account.organisation().id());
    }

    /**
     * The derived product's steps, each taken once the books show the one before done: the parent listed, its licence
     * bought and paid, settled on the ledger (a certificate), the derived product listed. Each round takes the next one.
     */
    private final class Derivation {

        private final List<AccountView> merchants;
        private final Viewer operator;
        private final AccountView buyer;

        Derivation(List<AccountView> merchants, Viewer operator) {
            this.merchants = merchants;
            this.operator = operator;
            this.buyer = merchants.get(DemoCatalogue.DERIVED.merchant());
        }

        /** Takes the next step; true once there is nothing left to do. */
        boolean step() {
            try {
                ProductSummary parent = listed(DemoCatalogue.DERIVATION_PARENT, null);
                if (parent == null) {
                    return false;
                }
                PurchaseOrder licence = licenceOrder(parent.id());
                if (licence.certificateId() == null) {
                    if (licence.status() == OrderStatus.CANCELLED || licence.status() == OrderStatus.REFUNDED) {
                        throw new Stop("its licence order " + licence.id() + " is " + licence.status());
                    }
                    return false; // settling on the ledger
                }
                return listed(DemoCatalogue.DERIVED, List.of(licence.certificateId())) != null
                        || pendingOnLedger(own(DemoCatalogue.DERIVED)); // the listing retries finish it
            } catch (ApiProblem problem) {
                if (problem.type().status() == 503) {
                    return false; // the ledger is away or busy: the next round tries again
                }
                LOG.warn("the demo's derived product was not listed: {}", problem.getMessage());
                return true;
            } catch (Stop stop) {
                LOG.warn("the demo's derived product was not listed: {}", stop.getMessage());
                return true;
            }
        }

        /**
         * The item's product once listed, or null while it is on its way: drafted and listed here if the merchant has
         * none, a draft left by a restart submitted, an approval that never reached the ledger decided again.
         */
        private ProductSummary listed(DemoCatalogue.Item item, List<String> parents) {
            ProductSummary p = own(item);
            if (p == null) {
                list(merchants, operator, item, parents);
                return null;
            }
            switch (p.status()) {
                case LISTED -> {
                    return p;
                }
                case DRAFT -> {
                    Viewer merchant = viewer(merchants.get(item.merchant()));
                    if (catalogue.sheet(merchant, p.id()).versions().isEmpty()) {
                        merchantProducts.uploadVersion(merchant, p.id(), "1.0", "sample.csv", new ByteArrayInputStream(
                                DemoCatalogue.sampleFile(item).getBytes(StandardCharsets.UTF_8)));
                    }
                    merchantProducts.submit(merchant, p.id(), true, true, true, "数据来源合法、权属清晰、质量如实描述");
                    listingReview.approve(operator, p.id(), null);
                    return null;
                }
                case IN_REVIEW -> {
                    if (!pendingOnLedger(p)) {
                        listingReview.approve(operator, p.id(), null);
                    }
                    return null;
                }
                default -> throw new Stop(item.titleEn() + " is " + p.status());
            }
        }

        private boolean pendingOnLedger(ProductSummary p) {
            return p != null && catalogue.sheet(operator, p.id()).pendingLedgerWrite() != null;
        }

        private ProductSummary own(DemoCatalogue.Item item) {
            Viewer merchant = viewer(merchants.get(item.merchant()));
            return merchantProducts.listOwn(merchant).stream().filter(p -> p.title().equals(item.titleZh())).findFirst()
                    .orElse(null);
        }

        /** The demo merchant's licence order of the parent: placed and paid once, whatever the restarts. */
        private PurchaseOrder licenceOrder(String parentId) {
            String org = buyer.organisation().id();
            PurchaseOrder placed = orderBook.ofBuyer(org).stream().filter(o -> o.productId().equals(parentId)).findFirst()
                    .orElse(null);
            Viewer merchant = viewer(buyer);
            if (placed == null) {
                long price = DemoCatalogue.DERIVATION_PARENT.priceFen();
                long available = wallets.balance(org, Wallets.Kind.AVAILABLE, "CNY");
                if (available < price) {
                    wallets.topUp(org, price - available, "CNY", "demo: a licence to derive from", "demo");
                }
                String id = orders.place(merchant, buyer.id(), DERIVATION_ORDER_KEY, new PlaceOrder(parentId, "one-off",
                        new PlaceOrder.Scenario(DemoCatalogue.DERIVATION_PARENT.purpose(), "CN-BJ"), "CN-BJ", false, null)).id();
                placed = orderBook.find(id).orElseThrow();
            }
            if (placed.status() == OrderStatus.CREATED) {
                orders.pay(merchant, placed.id());
                placed = orderBook.find(placed.id()).orElseThrow();
            }
            return placed;
        }
    }

    /** The derived product will not be listed by this demo, for the reason given. */
    private static final class Stop extends RuntimeException {
        Stop(String why) {
            super(why, null, false, false);
        }
    }

    private static ProductDraft draft(DemoCatalogue.Item item, List<String> parents) {
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
                        : List.of(plan), parents);
    }

    private static Organisation org(String name, String creditCode, OrganisationKind kind) {
        return new Organisation(UUID.randomUUID().toString(), name, creditCode, kind, Instant.now());
    }
}

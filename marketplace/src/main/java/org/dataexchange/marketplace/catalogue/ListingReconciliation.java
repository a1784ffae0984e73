package org.dataexchange.marketplace.catalogue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.dataexchange.ledger.ErrorCode;
import org.dataexchange.ledger.product.ListingStatus;
import org.dataexchange.marketplace.catalogue.CatalogueRepositories.Intents;
import org.dataexchange.marketplace.catalogue.CatalogueRepositories.Products;
import org.dataexchange.marketplace.catalogue.CatalogueRepositories.Versions;
import org.dataexchange.settlementclient.ContractRefusedException;
import org.dataexchange.settlementclient.SettlementClient;

/**
 * Compares each listing in the books with its registered versions on the ledger (read with the regulator's identity).
 * A suspension or delisting takes effect in the books at once, so sales stop even while the ledger is away; if the
 * ledger then refuses it, the two disagree, and this is where the exchange finds it and says so. Products with a
 * ledger write still on its way are left out: they agree once it lands.
 */
@Singleton
public class ListingReconciliation {

    /** A registered version whose listing status on the ledger is not the books' (null: not on the ledger at all). */
    @Serdeable
    public record ListingDifference(String productId, String version, ProductStatus inBooks,
                                    @Nullable ListingStatus onLedger, String detail) {}

    private static final List<ProductStatus> ON_LEDGER = List.of(ProductStatus.LISTED, ProductStatus.SUSPENDED,
            ProductStatus.DELISTED);

    private final Products products;
    private final Versions versions;
    private final Intents intents;
    private final SettlementClient ledger;

    ListingReconciliation(Products products, Versions versions, Intents intents, @Named("regulator") SettlementClient ledger) {
        this.products = products;
        this.versions = versions;
        this.intents = intents;
        this.ledger = ledger;
    }

    public List<ListingDifference> differences() {
        List<ListingDifference> found = new ArrayList<>();
        for (ProductStatus status : ON_LEDGER) {
            for (Product p : products.findByStatusOrderByUpdatedAt(status)) {
                if (!intents.findByProductIdAndStatus(p.id(), ListingIntent.State.PENDING).isEmpty()) {
                    continue;
                }
                ListingStatus expected = switch (status) {
                    case LISTED -> ListingStatus.LISTED;
                    case SUSPENDED -> ListingStatus.SUSPENDED;
                    default -> ListingStatus.DELISTED;
                };
                for (ProductVersion v : versions.findByProductIdOrderByCreatedAt(p.id())) {
                    if (v.ledgerTxId() == null) {
                        continue;
                    }
                    ListingStatus onLedger = onLedger(p.id(), v.version());
                    if (onLedger == null) {
                        found.add(new ListingDifference(p.id(), v.version(), status, null, "version " + v.version()
                                + " of product " + p.id() + " is registered in the books (transaction " + v.ledgerTxId()
                                + ") but not on the ledger"));
                    } else if (onLedger != expected) {
                        found.add(new ListingDifference(p.id(), v.version(), status, onLedger, "product " + p.id()
                                + " is " + status + " in the books but version " + v.version() + " is " + onLedger
                                + " on the ledger" + refusal(p.id())));
                    }
                }
            }
        }
        return found;
    }

    private ListingStatus onLedger(String productId, String version) {
        try {
            return ledger.productVersion(productId, version).status();
        } catch (ContractRefusedException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    /** The ledger's reason when it refused the last listing write, which is how the two usually part. */
    private String refusal(String productId) {
        return intents.findByProductIdAndStatus(productId, ListingIntent.State.REFUSED).stream()
                .filter(i -> i.kind() == ListingIntent.Kind.LISTING_STATUS)
                .reduce((a, b) -> b.createdAt().isAfter(a.createdAt()) ? b : a)
                .map(i -> "; the ledger refused " + i.describe() + ": " + i.lastError()).orElse("");
    }
}

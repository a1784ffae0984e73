package org.dataexchange.marketplace.catalogue;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dataexchange.ledger.product.ListingStatus;
import org.dataexchange.ledger.product.ListingStatusChange;
import org.dataexchange.ledger.product.ProductRegistration;
import org.dataexchange.settlementclient.Committed;
import org.dataexchange.settlementclient.ContractRefusedException;
import org.dataexchange.settlementclient.LedgerException;
import org.dataexchange.settlementclient.SettlementClient;

/**
 * The catalogue's ledger writes, each called outside any database transaction, and their outcome in three kinds:
 * committed (or already on the ledger, which a retry of the same write is), refused by the contract (a 409 for the
 * caller; retrying cannot help) or not known because the ledger could not be reached (retried later).
 */
@Singleton
class ListingLedger {

    /** Longer than the client's own deadlines; a write still unanswered by then is treated as an outage. */
    private static final long WAIT_SECONDS = 60;

    private final SettlementClient ledger;

    ListingLedger(SettlementClient ledger) {
        this.ledger = ledger;
    }

    sealed interface Outcome {}

    record Written(String transactionId, long blockNumber) implements Outcome {}

    record Refused(String code, String message) implements Outcome {}

    record Unavailable(String message) implements Outcome {}

    Outcome register(ProductRegistration registration) {
        return await(ledger.registerProductVersion(registration));
    }

    /** Every version in {@code versions} to {@code status}; the first refusal or outage ends it (a retry redoes all). */
    Outcome changeStatus(String productId, List<String> versions, ListingStatus status, String reason) {
        Outcome last = new Written("", 0);
        for (String version : versions) {
            last = await(ledger.updateListingStatus(new ListingStatusChange(productId, version, status, reason)));
            if (!(last instanceof Written)) {
                return last;
            }
        }
        return last;
    }

    private static Outcome await(CompletableFuture<? extends Committed<?>> write) {
        try {
            Committed<?> c = write.get(WAIT_SECONDS, TimeUnit.SECONDS);
            return new Written(c.transactionId(), c.blockNumber());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ContractRefusedException refused) {
                return new Refused(refused.code().name(), refused.getMessage());
            }
            // Endorsement, commit or transport failures: whether it was written is unknown; the same write is retried.
            return new Unavailable(cause instanceof LedgerException le ? le.getMessage() : String.valueOf(cause));
        } catch (TimeoutException e) {
            write.cancel(false);
            return new Unavailable("the ledger did not answer within " + WAIT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unavailable("interrupted while waiting for the ledger");
        }
    }
}

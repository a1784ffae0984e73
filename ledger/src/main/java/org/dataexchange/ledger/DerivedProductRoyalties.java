package org.dataexchange.ledger;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dataexchange.ledger.licence.IssuedCertificate;
import org.dataexchange.ledger.licence.LicenceCertificate;
import org.dataexchange.ledger.licence.Revocation;
import org.dataexchange.ledger.product.ParentLicence;
import org.dataexchange.ledger.product.ProductRegistration;
import org.dataexchange.ledger.product.ProductVersion;
import org.dataexchange.ledger.state.LedgerKeys;
import org.dataexchange.ledger.state.LedgerState;
import org.dataexchange.ledger.trade.SplitLine;
import org.dataexchange.ledger.trade.SplitRole;
import org.dataexchange.ledger.trade.TradeRequest;
import org.hyperledger.fabric.contract.Context;

/**
 * The settlement contract's rules for derived products and their royalties (ODRL {@code compensate}), kept apart from
 * the contract's transactions, which call them:
 * <ul>
 *   <li>at registration, each parent licence is a certificate on the ledger held by the derived product's merchant,
 *       sold by the parent merchant the registration names, neither revoked nor out of term, and permitting both
 *       {@code derive} and onward sale ({@code sell} or {@code distribute}) of what is derived;</li>
 *   <li>at every trade of a derived product, the split pays each parent's merchant, in ROYALTY lines naming that
 *       parent's certificate, at least the floor of its exact share of the price: {@code floor(amount × royaltyBp /
 *       10000)}. The marketplace's split gives each party that floor and hands the minor units left over to the largest
 *       remainders, so a royalty line is the floor or one unit more; less is underpaid.</li>
 * </ul>
 */
final class DerivedProductRoyalties {

    private DerivedProductRoyalties() {}

    /** Refuses a registration whose parent licences do not allow this merchant to derive and sell. */
    static void checkParents(Context ctx, LedgerState state, ProductRegistration reg) {
        Instant now = ctx.getStub().getTxTimestamp();
        for (ParentLicence parent : reg.parentLicences()) {
            String what = "parent licence " + parent.certificateId();
            IssuedCertificate issued = state.find(LedgerKeys.certificate(ctx.getStub(), parent.certificateId()),
                    IssuedCertificate.class);
            if (issued == null) {
                throw ErrorCode.PARENT_LICENCE_INVALID.refuse(what + " is not on the ledger");
            }
            LicenceCertificate cert = issued.certificate();
            if (!cert.buyerId().equals(reg.merchantId())) {
                throw ErrorCode.PARENT_LICENCE_INVALID.refuse(what + " is held by " + cert.buyerId() + ", not by "
                        + reg.merchantId() + ", the derived product's merchant");
            }
            if (!cert.sellerId().equals(parent.merchantId())) {
                throw ErrorCode.PARENT_LICENCE_INVALID.refuse(what + " was sold by " + cert.sellerId()
                        + "; the royalty is owed to it, not to " + parent.merchantId());
            }
            if (state.find(LedgerKeys.revocation(ctx.getStub(), parent.certificateId()), Revocation.class) != null) {
                throw ErrorCode.PARENT_LICENCE_INVALID.refuse(what + " is revoked");
            }
            if (!cert.validAt(now)) {
                throw ErrorCode.PARENT_LICENCE_INVALID.refuse(what + " is not in force at " + now);
            }
            List<String> actions = cert.permittedActions();
            if (!actions.contains("derive") || !(actions.contains("sell") || actions.contains("distribute"))) {
                throw ErrorCode.PARENT_LICENCE_INVALID.refuse(what + " permits " + actions
                        + "; a derived product needs derive and the sale or distribution of what is derived");
            }
        }
    }

    /** Refuses a trade of a derived product whose split omits or underpays a parent's royalty. */
    static void checkRoyalties(TradeRequest req, ProductVersion product) {
        List<ParentLicence> parents = product.registration().parentLicences();
        Map<String, Long> paid = new HashMap<>();
        Set<String> parentIds = new HashSet<>();
        for (ParentLicence parent : parents) {
            parentIds.add(parent.certificateId());
        }
        for (SplitLine line : req.splitLines()) {
            if (line.role() != SplitRole.ROYALTY) {
                continue;
            }
            if (!parentIds.contains(line.parentCertificateId())) {
                throw ErrorCode.PARENT_LICENCE_INVALID.refuse("a royalty line names licence " + line.parentCertificateId()
                        + ", which is no parent of product " + req.productId() + " version " + req.version());
            }
            paid.merge(line.parentCertificateId() + "\n" + line.party(), line.amount(), Long::sum);
        }
        for (ParentLicence parent : parents) {
            long owed = owed(req.amount(), parent.royaltyBp());
            long got = paid.getOrDefault(parent.certificateId() + "\n" + parent.merchantId(), 0L);
            if (got < owed) {
                throw ErrorCode.ROYALTY_UNDERPAID.refuse("trade " + req.tradeId() + " of " + req.amount() + " "
                        + req.currency() + " pays " + parent.merchantId() + " " + got + " under parent licence "
                        + parent.certificateId() + "; its royalty of " + parent.royaltyBp() + " basis points is at least "
                        + owed);
            }
        }
    }

    /** The floor of {@code amount × bp / 10000}, exact for any 64-bit amount. */
    static long owed(long amount, int bp) {
        return BigInteger.valueOf(amount).multiply(BigInteger.valueOf(bp)).divide(BigInteger.valueOf(10_000)).longValueExact();
    }
}

package org.dataexchange.marketplace.delivery;

import org.dataexchange.marketplace.order.OrderBook;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dataexchange.ledger.delivery.DeliveryMode;
import org.dataexchange.marketplace.account.Viewer;
import org.dataexchange.marketplace.order.OrderRepositories;
import org.dataexchange.marketplace.order.OrderService;
import org.dataexchange.marketplace.order.OrderStatus;
import org.dataexchange.marketplace.order.OrderTransition;
import org.dataexchange.marketplace.order.PurchaseOrder;
import org.dataexchange.marketplace.problem.ApiProblem;
import org.dataexchange.marketplace.licence.VolumeMeasure;
import org.dataexchange.marketplace.settlement.OrderSettlement;
import org.dataexchange.marketplace.volume.LicenceVolumes;

/**
 * Delivery of file products within the licence: short-lived signed download links for the buyer; each download
 * checks the licence is in force (not revoked, within its term), checks the stored file against its registered
 * digest, records the delivery and its receipt on the ledger, and marks the order delivered.
 */
@Singleton
class DeliveryService {

    public static final Duration LINK_LIFETIME = Duration.ofMinutes(10);

    /** A link the buyer can hand to a download tool; it works until {@code expiresAt}. */
    @io.micronaut.serde.annotation.Serdeable
    public record DownloadLink(String url, Instant expiresAt) {}

    /** The file to stream and what it is. */
    public record Download(Path file, String fileName, long sizeBytes) {}

    private final OrderBook orders;
    private final OrderService orderService;
    private final Delivery.Repository deliveries;
    private final Clock clock;
    private final Path files;
    private final byte[] linkKey;
    private final org.dataexchange.marketplace.audit.AuditLog audit;

    private final org.dataexchange.marketplace.catalogue.CatalogueService catalogue;
    private final DeliveryReceipts receipts;
    private final PeriodInForce periods;
    private final LicenceVolumes volumes;

    DeliveryService(OrderBook orders, OrderService orderService, Delivery.Repository deliveries,
                           Clock clock, @Value("${exchange.data-dir}") String dataDir,
                           org.dataexchange.marketplace.account.TokenSecret secret, org.dataexchange.marketplace.audit.AuditLog audit,
                           org.dataexchange.marketplace.catalogue.CatalogueService catalogue, DeliveryReceipts receipts,
                           PeriodInForce periods, LicenceVolumes volumes) {
        this.volumes = volumes;
        this.catalogue = catalogue;
        this.receipts = receipts;
        this.periods = periods;
        this.audit = audit;
        this.orders = orders;
        this.orderService = orderService;
        this.deliveries = deliveries;
        this.clock = clock;
        this.files = Path.of(dataDir).resolve("files");
        // A key of its own for links, derived from the service secret, so a link cannot be turned into a token.
        this.linkKey = hmac(secret.value().getBytes(StandardCharsets.UTF_8), "download-links");
    }

    public DownloadLink link(Viewer buyer, String orderId) {
        PurchaseOrder order = deliverable(buyer, orderId);
        catalogue.deliveryOffer(order.productId(), order.planId()).require(org.dataexchange.marketplace.catalogue.DeliveryMode.FILE_DOWNLOAD);
        requireLicenceInForce(periods.inForce(order));
        // No link for a download the licence's volume caps would refuse; the download itself counts (and checks again).
        var caps = orderService.details(order).terms().volumeCaps();
        if (caps != null) {
            long rows = 0;
            if (caps.records() != null) {
                PurchaseOrder inForce = periods.inForce(order);
                rows = catalogue.dataFile(inForce.productId(), inForce.productVersion())
                        .map(f -> records(order, files.resolve(f.storagePath()).normalize())).orElse(0L);
            }
            volumes.requireRoomFor(order, Map.of(VolumeMeasure.DOWNLOADS, 1L, VolumeMeasure.RECORDS, rows));
        }
        Instant expires = clock.instant().plus(LINK_LIFETIME);
        // The link names (and signs) the account that asked for it and its role, so the download is audited as theirs.
        String role = buyer.role().name();
        String sig = HexFormat.of().formatHex(hmac(linkKey, signed(order.id(), expires.getEpochSecond(), role, buyer.username())));
        return new DownloadLink("/api/downloads/" + order.id() + "?expires=" + expires.getEpochSecond() + "&role=" + role
                + "&account=" + URLEncoder.encode(buyer.username(), StandardCharsets.UTF_8) + "&sig=" + sig, expires);
    }

    /** What a link's signature covers: the order, the expiry, and the role and account that created the link. */
    private static String signed(String orderId, long expires, String role, String account) {
        return orderId + "|" + expires + "|" + role + "|" + account;
    }

    /** Checks a link and the licence, verifies the file, records the delivery; answers the file to stream. */
    public Download download(String orderId, long expires, String role, String account, String sig) {
        if (role == null || account == null) {
            throw ApiProblem.forbidden("the download link is not valid (it names no account; ask for a new one)");
        }
        String expected = HexFormat.of().formatHex(hmac(linkKey, signed(orderId, expires, role, account)));
        if (sig == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), sig.getBytes(StandardCharsets.US_ASCII))) {
            throw ApiProblem.forbidden("the download link is not valid");
        }
        if (clock.instant().getEpochSecond() > expires) {
            throw ApiProblem.forbidden("the download link has expired; ask for a new one");
        }
        PurchaseOrder linked = orders.find(orderId).orElseThrow(() -> ApiProblem.notFound("no order " + orderId));
        catalogue.deliveryOffer(linked.productId(), linked.planId()).require(org.dataexchange.marketplace.catalogue.DeliveryMode.FILE_DOWNLOAD);
        PurchaseOrder order = periods.inForce(linked);
        requireLicenceInForce(order);
        org.dataexchange.marketplace.catalogue.CatalogueService.DataFile version = catalogue.dataFile(order.productId(), order.productVersion()).orElseThrow();
        Path file = files.resolve(version.storagePath()).normalize();
        if (!file.startsWith(files) || !sha256(file).equals(version.sha256())) {
            throw new IllegalStateException("stored file of " + order.productId() + " v" + order.productVersion()
                    + " does not match its registered digest; not serving it");
        }
        // Counted against the licence's volume caps before anything is handed over; refused whole at a cap.
        Map<VolumeMeasure, Long> drawn = Map.of(VolumeMeasure.DOWNLOADS, 1L, VolumeMeasure.RECORDS, records(linked, file));
        volumes.draw(linked, drawn);
        // The delivery (intent) is recorded first and its receipt written on the ledger after, outside any transaction.
        Delivery delivered;
        try {
            delivered = receipts.record(new Delivery(UUID.randomUUID().toString(), order.id(), DeliveryMode.FILE_DOWNLOAD.name(),
                    1, version.sha256(), null, clock.instant(), null), orderService.details(order).scenario().location());
        } catch (RuntimeException notRecorded) {
            volumes.giveBack(linked, drawn);
            throw notRecorded;
        }
        if (delivered.receiptProblem() != null) {
            volumes.giveBack(linked, drawn); // not delivered: the file is not served
            String problem = delivered.receiptProblem();
            throw ApiProblem.ledgerRefused(org.dataexchange.marketplace.problem.ProblemType.LEDGER_REFUSED,
                    problem.contains(":") ? problem.substring(0, problem.indexOf(':')) : problem,
                    "the ledger refused to record this delivery: " + problem);
        }
        // The account and role the link was signed for: the licence holder's account that asked for it (BUYER or MERCHANT).
        audit.record(account, role, "DELIVERY", "order:" + order.id(), "through a signed download link: file " + version.fileName() + " v"
                + version.version() + " (" + version.sha256() + "), ledger receipt "
                + (delivered.ledgerTxId() == null ? "pending" : delivered.ledgerTxId()));
        if (order.status() == OrderStatus.SETTLED) {
            try {
                orderService.apply(order.id(), new OrderTransition.Delivered(), "download", "first download delivered");
            } catch (ApiProblem movedMeanwhile) {
                // Another download delivered it first, or a refund ended it after the licence check: the file is served.
            }
        }
        return new Download(file, version.fileName(), version.sizeBytes());
    }

    /**
     * The file's data rows, as the licence's record cap counts them. A file that is not readable as CSV has no rows to
     * count: under a record cap it is not delivered (its rows could not be counted), otherwise it counts none.
     */
    private long records(PurchaseOrder order, Path file) {
        java.util.OptionalLong rows = DataRows.count(file);
        if (rows.isPresent()) {
            return rows.getAsLong();
        }
        var caps = orderService.details(order).terms().volumeCaps();
        if (caps != null && caps.records() != null) {
            throw ApiProblem.conflict("Records cannot be counted", "the licence caps records but the file of "
                    + order.productId() + " is not readable as CSV, so its rows cannot be counted; it is not delivered");
        }
        return 0;
    }

    public List<Delivery> deliveries(Viewer viewer, String orderId) {
        orderService.get(viewer, orderId); // the same visibility as the order
        return deliveries.findByOrderIdOrderByDeliveredAt(orderId);
    }

    private PurchaseOrder deliverable(Viewer holder, String orderId) {
        return orders.heldBy(holder, orderId); // the licence holder's account, buyer or merchant; nobody else
    }

    /**
     * The licence must be issued, unrevoked and within its term now; otherwise access has ended. Checked against the
     * books, which hold the certificate the ledger confirmed and every revocation the ledger recorded (see {@link
     * OrderSettlement#licence}), so a download asks the ledger nothing.
     */
    private OrderSettlement.Licence requireLicenceInForce(PurchaseOrder order) {
        OrderSettlement.Licence licence = OrderSettlement.licence(order, orderService.details(order))
                .orElseThrow(() -> ApiProblem.conflict("Not deliverable yet", "the order is " + order.status() + "; data is"
                        + " delivered once the trade is settled and the licence certificate issued"));
        if (licence.revoked()) {
            throw ApiProblem.forbidden("the licence " + licence.certificateId() + " was revoked; access has ended");
        }
        if (!licence.inTermAt(clock.instant())) {
            throw ApiProblem.forbidden("the licence term ended at " + licence.until() + "; access has ended");
        }
        return licence;
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}

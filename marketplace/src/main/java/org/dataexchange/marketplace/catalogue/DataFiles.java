package org.dataexchange.marketplace.catalogue;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.dataexchange.marketplace.problem.ApiProblem;

/**
 * The uploaded data files under the data directory, one per product version: written whole or not at all, their
 * SHA-256 computed while writing, refused when empty or above the size limit.
 */
@Singleton
class DataFiles {

    /** A file as stored: where under the files directory, how big, its SHA-256 in hex. */
    record Stored(String storagePath, long sizeBytes, String sha256) {}

    private final Path files;
    private final long maxUploadBytes;

    DataFiles(@Value("${exchange.data-dir}") String dataDir,
              org.dataexchange.marketplace.request.UploadLimits uploads) {
        this.files = Path.of(dataDir).resolve("files");
        this.maxUploadBytes = uploads.maxBytes();
    }

    Stored store(String productId, String version, InputStream data) {
        Path dir = files.resolve(productId);
        Path target = dir.resolve(version + ".data");
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "upload", ".part");
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long size;
            try (InputStream in = new DigestInputStream(data, digest)) {
                size = copyLimited(in, tmp);
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            if (size == 0) {
                Files.deleteIfExists(tmp);
                throw ApiProblem.invalidField("file", "the uploaded file is empty");
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return new Stored(files.relativize(target).toString(), size, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the upload", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private long copyLimited(InputStream in, Path tmp) throws IOException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (var out = Files.newOutputStream(tmp)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxUploadBytes) {
                    throw ApiProblem.invalidField("file", "the file is larger than the limit of " + maxUploadBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    /** The file name as uploaded, without any path, for display only (storage uses the version). */
    static String safeName(String fileName) {
        String name = fileName == null ? "data" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        return name.isEmpty() ? "data" : name.length() > 200 ? name.substring(0, 200) : name;
    }
}

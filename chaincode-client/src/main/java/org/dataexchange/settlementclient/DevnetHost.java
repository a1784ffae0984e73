package org.dataexchange.settlementclient;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.dataexchange.devnet.Devnet;
import org.dataexchange.devnet.DevnetConfig;
import org.dataexchange.devnet.blocks.BlockStoreException;

/**
 * In-process devnets by data directory: every client of the same directory shares one devnet (an operator
 * and a regulator client of the exchange, say), which stops when the last client closes.
 */
final class DevnetHost {

    private record Shared(Devnet devnet, int clients) {}

    private static final Map<Path, Shared> RUNNING = new HashMap<>();

    private DevnetHost() {}

    static synchronized Devnet acquire(Path dataDir) throws IOException {
        Path key = dataDir.toAbsolutePath().normalize();
        Shared shared = RUNNING.get(key);
        if (shared == null) {
            try {
                shared = new Shared(Devnet.start(DevnetConfig.defaults(key)), 0);
            } catch (BlockStoreException e) {
                throw new IOException("the devnet ledger under " + key + " failed verification: " + e.getMessage(), e);
            }
        }
        RUNNING.put(key, new Shared(shared.devnet(), shared.clients() + 1));
        return shared.devnet();
    }

    static synchronized void release(Devnet devnet) {
        for (Map.Entry<Path, Shared> e : new HashMap<>(RUNNING).entrySet()) {
            if (e.getValue().devnet() == devnet) {
                int left = e.getValue().clients() - 1;
                if (left > 0) {
                    RUNNING.put(e.getKey(), new Shared(devnet, left));
                } else {
                    RUNNING.remove(e.getKey());
                    devnet.close();
                }
                return;
            }
        }
    }
}

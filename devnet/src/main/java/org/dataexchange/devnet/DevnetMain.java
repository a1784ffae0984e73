package org.dataexchange.devnet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar devnet.jar --data DIR --port PORT}: a standalone devnet serving TLS gRPC on
 * 127.0.0.1:PORT, writing {@code DIR/connection.json}; stops cleanly on SIGTERM or Ctrl-C.
 */
public final class DevnetMain {

    private DevnetMain() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of("devnet-data");
        int port = 7051;
        int batchSize = 500;
        long batchTimeoutMs = 5;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--data" -> data = Path.of(value(args, ++i, arg));
                case "--port" -> port = Integer.parseInt(value(args, ++i, arg));
                case "--batch-size" -> batchSize = Integer.parseInt(value(args, ++i, arg));
                case "--batch-timeout-ms" -> batchTimeoutMs = Long.parseLong(value(args, ++i, arg));
                case "--help", "-h" -> {
                    usage();
                    return;
                }
                default -> {
                    System.err.println("devnet: unknown argument " + arg);
                    usage();
                    System.exit(64);
                }
            }
        }
        DevnetConfig config = DevnetConfig.defaults(data.toAbsolutePath())
                .withPort(port)
                .withBatching(batchSize, Duration.ofMillis(batchTimeoutMs));
        Devnet devnet = Devnet.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                devnet.close();
            } finally {
                stopped.countDown();
            }
        }, "devnet-shutdown"));
        System.out.println("devnet: channel " + config.channelId() + ", contract " + config.chaincodeName()
                + ", serving TLS on " + devnet.endpoint() + " (height " + devnet.height() + ")");
        System.out.println("devnet: connection profile " + config.dataDir().resolve(ConnectionProfile.FILE_NAME));
        stopped.await();
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            System.err.println("devnet: " + name + " needs a value");
            System.exit(64);
        }
        return args[i];
    }

    private static void usage() {
        System.out.println("usage: java -jar devnet.jar --data DIR --port PORT [--batch-size N] [--batch-timeout-ms MS]");
    }
}

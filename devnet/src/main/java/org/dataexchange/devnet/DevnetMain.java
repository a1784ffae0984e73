package org.dataexchange.devnet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.hyperledger.fabric.shim.Chaincode;

/**
 * {@code java -cp devnet.jar:CHAINCODE.jar org.dataexchange.devnet.DevnetMain --data DIR --port PORT
 * --chaincode NAME=CLASS}: a standalone devnet serving TLS gRPC on 127.0.0.1:PORT, writing
 * {@code DIR/connection.json}, running each chaincode named (a class on the class path implementing the shim's
 * {@link Chaincode} with a public no-argument constructor); stops cleanly on SIGTERM or Ctrl-C.
 */
public final class DevnetMain {

    private DevnetMain() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of("devnet-data");
        int port = 7051;
        int batchSize = 500;
        long batchTimeoutMs = 5;
        List<String> chaincodes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--data" -> data = Path.of(value(args, ++i, arg));
                case "--port" -> port = Integer.parseInt(value(args, ++i, arg));
                case "--batch-size" -> batchSize = Integer.parseInt(value(args, ++i, arg));
                case "--batch-timeout-ms" -> batchTimeoutMs = Long.parseLong(value(args, ++i, arg));
                case "--chaincode" -> chaincodes.add(value(args, ++i, arg));
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
        for (String spec : chaincodes) {
            int eq = spec.indexOf('=');
            if (eq < 1) {
                System.err.println("devnet: --chaincode takes NAME=CLASS, not " + spec);
                System.exit(64);
            }
            config = config.withChaincode(spec.substring(0, eq), CHAINCODE_VERSION, load(spec.substring(eq + 1)));
        }
        Devnet devnet = Devnet.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                devnet.close();
            } finally {
                stopped.countDown();
            }
        }, "devnet-shutdown"));
        System.out.println("devnet: channel " + config.channelId() + ", chaincodes "
                + config.chaincodes().stream().map(c -> c.name()).toList()
                + ", serving TLS on " + devnet.endpoint() + " (height " + devnet.height() + ")");
        System.out.println("devnet: connection profile " + config.dataDir().resolve(ConnectionProfile.FILE_NAME));
        stopped.await();
    }

    private static final String CHAINCODE_VERSION = "1.0";

    private static Chaincode load(String className) throws ReflectiveOperationException {
        Class<?> type = Class.forName(className);
        if (!Chaincode.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(className + " is not a " + Chaincode.class.getName());
        }
        return (Chaincode) type.getConstructor().newInstance();
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            System.err.println("devnet: " + name + " needs a value");
            System.exit(64);
        }
        return args[i];
    }

    private static void usage() {
        System.out.println("usage: java -cp devnet.jar:CHAINCODE.jar org.dataexchange.devnet.DevnetMain --data DIR --port PORT"
                + " [--chaincode NAME=CLASS]... [--batch-size N] [--batch-timeout-ms MS]");
    }
}

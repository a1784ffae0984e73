package org.dataexchange.marketplace.ledger;

import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.dataexchange.devnet.ConnectionProfile;
import org.dataexchange.devnet.DevnetConfig;
import org.dataexchange.ledger.SettlementChaincode;

/**
 * Where the exchange's settlement ledger is: a devnet embedded in this process, or a Fabric peer's gateway
 * reached over TLS. Each kind carries exactly what it needs, so there is no half-filled connection.
 */
public sealed interface LedgerConnection {

    /** The channel and name the settlement contract runs under on the embedded network. */
    String CHANNEL = DevnetConfig.DEFAULT_CHANNEL;
    String CHAINCODE = "settlement";
    String CHAINCODE_VERSION = "1.0";

    /** Which of the exchange's two organisations acts on the ledger through a connection. */
    enum Role {
        OPERATOR,
        REGULATOR
    }

    /**
     * A devnet run inside this process under {@code dataDir}, with the settlement contract deployed on it; the
     * operator's and regulator's identities are the ones devnet generated for them.
     */
    record EmbeddedDevnet(Path dataDir) implements LedgerConnection {
        public EmbeddedDevnet {
            Objects.requireNonNull(dataDir, "dataDir");
        }

        /** devnet's defaults with the settlement contract as {@code settlement}: what the exchange embeds. */
        public DevnetConfig devnetConfig() {
            return DevnetConfig.defaults(dataDir).withChaincode(CHAINCODE, CHAINCODE_VERSION, new SettlementChaincode());
        }
    }

    /**
     * A Fabric peer's gateway ({@code host:port}) over TLS: the CA certificate that signed the peer's TLS
     * certificate, the host name that certificate names if it differs from the endpoint's, and the client's MSP id,
     * certificate and PKCS#8 private key as PEM files (Fabric MSP folders hold them under {@code signcerts/} and
     * {@code keystore/}).
     */
    record GatewayPeer(String endpoint, Path tlsCaCert, @Nullable String hostnameOverride, String mspId, Path cert,
                       Path key, String channel, String chaincode) implements LedgerConnection {
        public GatewayPeer {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(tlsCaCert, "tlsCaCert");
            Objects.requireNonNull(mspId, "mspId");
            Objects.requireNonNull(cert, "cert");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(chaincode, "chaincode");
        }

        /** The peer and the identity of {@code role} that a {@code connection.json} describes. */
        public static GatewayPeer fromConnectionProfile(Path connectionJson, Role role) throws IOException {
            ConnectionProfile profile = ConnectionProfile.read(connectionJson);
            ConnectionProfile.Identity id = profile.identities().stream()
                    .filter(i -> i.role().equalsIgnoreCase(role.name()))
                    .findFirst()
                    .orElseThrow(() -> new IOException(connectionJson + " has no " + role + " identity"));
            return new GatewayPeer(profile.endpoint(), Path.of(profile.tlsCaCertPath()), profile.hostnameOverride(),
                    id.mspId(), Path.of(id.certPath()), Path.of(id.keyPath()), profile.channel(), profile.chaincode());
        }
    }

    /** The connection the configuration asks for, for one role: a connection profile if set, otherwise devnet. */
    static LedgerConnection configured(LedgerProperties properties, Path dataDir, Role role) throws IOException {
        Path profile = role == Role.REGULATOR && properties.regulatorConnectionProfile() != null
                ? properties.regulatorConnectionProfile() : properties.connectionProfile();
        return profile == null || profile.toString().isBlank()
                ? new EmbeddedDevnet(dataDir.resolve("ledger"))
                : GatewayPeer.fromConnectionProfile(profile, role);
    }
}

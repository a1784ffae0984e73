package org.dataexchange.devnet.blocks;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.dataexchange.devnet.crypto.PemFiles;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockDataHashingStructure;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.Capabilities;
import org.hyperledger.fabric.protos.common.Capability;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HashingAlgorithm;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.FabricCryptoConfig;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;

/** Blocks as Fabric builds them: the channel's genesis config block and the blocks of transactions after it. */
public final class GenesisBlock {

    /** Number of metadata entries (SIGNATURES, LAST_CONFIG, TRANSACTIONS_FILTER, ORDERER, COMMIT_HASH). */
    private static final int METADATA_ENTRIES = 5;

    /** An organisation of the channel and the CAs its MSP trusts. */
    public record ChannelMember(String mspId, List<X509Certificate> rootCerts, List<X509Certificate> tlsRootCerts,
                                boolean ordererOrg) {}

    private GenesisBlock() {}

    /** Block 0: one CONFIG envelope naming the channel and each member MSP with its root certificates. */
    public static Block create(String channelId, List<ChannelMember> members, Instant timestamp) {
        ConfigGroup.Builder application = ConfigGroup.newBuilder().setModPolicy("Admins");
        for (ChannelMember m : members) {
            FabricMSPConfig.Builder msp = FabricMSPConfig.newBuilder()
                    .setName(m.mspId())
                    .setCryptoConfig(FabricCryptoConfig.newBuilder()
                            .setSignatureHashFamily("SHA2")
                            .setIdentityIdentifierHashFunction("SHA256"));
            m.rootCerts().forEach(c -> msp.addRootCerts(ByteString.copyFromUtf8(PemFiles.certificatePem(c))));
            m.tlsRootCerts().forEach(c -> msp.addTlsRootCerts(ByteString.copyFromUtf8(PemFiles.certificatePem(c))));
            MSPConfig mspConfig = MSPConfig.newBuilder().setType(0).setConfig(msp.build().toByteString()).build();
            application.putGroups(m.mspId(), ConfigGroup.newBuilder()
                    .setModPolicy("Admins")
                    .putValues("MSP", ConfigValue.newBuilder().setModPolicy("Admins").setValue(mspConfig.toByteString()).build())
                    .build());
        }
        ConfigGroup channel = ConfigGroup.newBuilder()
                .setModPolicy("Admins")
                .putGroups("Application", application.build())
                .putValues("HashingAlgorithm", ConfigValue.newBuilder().setModPolicy("Admins")
                        .setValue(HashingAlgorithm.newBuilder().setName("SHA256").build().toByteString()).build())
                .putValues("BlockDataHashingStructure", ConfigValue.newBuilder().setModPolicy("Admins")
                        .setValue(BlockDataHashingStructure.newBuilder().setWidth(0xFFFFFFFF).build().toByteString()).build())
                .putValues("Capabilities", ConfigValue.newBuilder().setModPolicy("Admins")
                        .setValue(Capabilities.newBuilder().putCapabilities("V2_0", Capability.getDefaultInstance())
                                .build().toByteString()).build())
                .build();
        ConfigEnvelope config = ConfigEnvelope.newBuilder()
                .setConfig(Config.newBuilder().setSequence(0).setChannelGroup(channel))
                .build();
        String txId = HexFormat.of().formatHex(BlockHashing.sha256().digest(config.toByteArray()));
        ChannelHeader ch = ChannelHeader.newBuilder()
                .setType(HeaderType.CONFIG_VALUE)
                .setChannelId(channelId)
                .setTxId(txId)
                .setEpoch(0)
                .setTimestamp(Timestamp.newBuilder().setSeconds(timestamp.getEpochSecond()).setNanos(timestamp.getNano()))
                .build();
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(ch.toByteString())
                        .setSignatureHeader(SignatureHeader.getDefaultInstance().toByteString()))
                .setData(config.toByteString())
                .build();
        Envelope envelope = Envelope.newBuilder().setPayload(payload.toByteString()).build();
        return nextBlock(0, new byte[0], List.of(envelope), new byte[] {0});
    }

    /** A block of transactions with its header, data hash and metadata (validation codes in TRANSACTIONS_FILTER). */
    public static Block nextBlock(long number, byte[] previousHeaderHash, List<Envelope> envelopes, byte[] transactionsFilter) {
        if (transactionsFilter.length != envelopes.size()) {
            throw new IllegalArgumentException("one validation code per transaction");
        }
        BlockData.Builder data = BlockData.newBuilder();
        envelopes.forEach(e -> data.addData(e.toByteString()));
        BlockData built = data.build();
        BlockHeader header = BlockHeader.newBuilder()
                .setNumber(number)
                .setPreviousHash(ByteString.copyFrom(previousHeaderHash))
                .setDataHash(ByteString.copyFrom(BlockHashing.dataHash(built)))
                .build();
        ByteString emptyMetadata = Metadata.getDefaultInstance().toByteString();
        BlockMetadata metadata = BlockMetadata.newBuilder()
                .addMetadata(emptyMetadata) // SIGNATURES: no orderer signatures on a single-node network
                .addMetadata(Metadata.newBuilder().setValue(LastConfig.newBuilder().setIndex(0).build().toByteString())
                        .build().toByteString()) // LAST_CONFIG
                .addMetadata(ByteString.copyFrom(transactionsFilter)) // TRANSACTIONS_FILTER
                .addMetadata(ByteString.EMPTY) // ORDERER
                .addMetadata(ByteString.EMPTY) // COMMIT_HASH
                .build();
        assert metadata.getMetadataCount() == METADATA_ENTRIES;
        return Block.newBuilder().setHeader(header).setData(built).setMetadata(metadata).build();
    }
}

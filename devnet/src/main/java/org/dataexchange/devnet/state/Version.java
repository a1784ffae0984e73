package org.dataexchange.devnet.state;

/** The height at which a key was last written: block number and transaction index within the block. */
public record Version(long blockNum, long txNum) implements Comparable<Version> {

    public org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version toProto() {
        return org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version.newBuilder()
                .setBlockNum(blockNum)
                .setTxNum(txNum)
                .build();
    }

    /** Null when the read found no key, as Fabric leaves the version unset then. */
    public static Version fromProto(org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead read) {
        return read.hasVersion() ? new Version(read.getVersion().getBlockNum(), read.getVersion().getTxNum()) : null;
    }

    @Override
    public int compareTo(Version o) {
        int c = Long.compare(blockNum, o.blockNum);
        return c != 0 ? c : Long.compare(txNum, o.txNum);
    }
}

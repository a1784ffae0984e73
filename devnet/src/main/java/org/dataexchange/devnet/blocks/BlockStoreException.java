package org.dataexchange.devnet.blocks;

/** The stored chain is not what was written: names the first block that fails verification. */
public final class BlockStoreException extends Exception {

    private final long firstBadBlock;

    public BlockStoreException(long firstBadBlock, String problem) {
        super("block " + firstBadBlock + " failed verification: " + problem);
        this.firstBadBlock = firstBadBlock;
    }

    public BlockStoreException(String message, Throwable cause) {
        super(message, cause);
        this.firstBadBlock = -1;
    }

    /** The number of the first altered block, or -1 when the store could not be read at all. */
    public long firstBadBlock() {
        return firstBadBlock;
    }
}

package org.dataexchange.settlementclient;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;

/**
 * Fabric's block hashing (protoutil), computed on the client's side: whoever verifies a chain does not borrow the
 * network's own code for it. Bouncy Castle's DER encoder is the one the Gateway SDK brings for its identities.
 */
final class BlockHashes {

    private BlockHashes() {}

    /** SHA-256 of the DER encoding of SEQUENCE { INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash }. */
    static byte[] headerHash(BlockHeader header) {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(new BigInteger(Long.toUnsignedString(header.getNumber()))));
        v.add(new DEROctetString(header.getPreviousHash().toByteArray()));
        v.add(new DEROctetString(header.getDataHash().toByteArray()));
        try {
            return sha256().digest(new DERSequence(v).getEncoded("DER"));
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding failed", e);
        }
    }

    /** SHA-256 over the concatenated transaction envelopes of the block. */
    static byte[] dataHash(BlockData data) {
        MessageDigest sha = sha256();
        data.getDataList().forEach(d -> sha.update(d.asReadOnlyByteBuffer()));
        return sha.digest();
    }

    /** What is wrong with {@code block} as the successor of {@code previous} (null for block 0), if anything. */
    static Optional<String> linkProblem(Block previous, Block block) {
        long expected = previous == null ? 0 : previous.getHeader().getNumber() + 1;
        if (block.getHeader().getNumber() != expected) {
            return Optional.of("block number is " + block.getHeader().getNumber() + ", expected " + expected);
        }
        if (!Arrays.equals(dataHash(block.getData()), block.getHeader().getDataHash().toByteArray())) {
            return Optional.of("data hash does not match the block's transactions");
        }
        byte[] expectedPrevious = previous == null ? new byte[0] : headerHash(previous.getHeader());
        if (!Arrays.equals(expectedPrevious, block.getHeader().getPreviousHash().toByteArray())) {
            return Optional.of("previous hash does not match the header hash of block " + (expected - 1));
        }
        return Optional.empty();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

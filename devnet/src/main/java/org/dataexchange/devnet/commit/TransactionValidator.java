package org.dataexchange.devnet.commit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dataexchange.devnet.crypto.IdentityException;
import org.dataexchange.devnet.crypto.MspVerifier;
import org.dataexchange.devnet.crypto.VerifiedIdentity;
import org.dataexchange.devnet.state.Version;
import org.dataexchange.devnet.state.WorldState;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Commit-time validation of one block's transactions, in order, as a Fabric peer does it: well-formed
 * envelope, unique transaction id, endorsement signed by a peer of the endorsing organisation, then MVCC
 * (every read's version still current, no phantom in a range read), where "current" includes the writes
 * of earlier valid transactions of the same block.
 */
public final class TransactionValidator {

    /** One transaction's writes, applied if it is valid. */
    public record Write(String namespace, String key, byte[] value, boolean delete) {}

    /** The decision on one transaction. */
    public record Decision(String txId, TxValidationCode code, List<Write> writes, ByteString chaincodeEvent) {}

    private final String channelId;
    private final MspVerifier msps;
    private final Set<String> endorsingMsps;
    private final org.dataexchange.devnet.endorser.IssuedEndorsements issued;

    public TransactionValidator(String channelId, MspVerifier msps, Set<String> endorsingMsps,
                                org.dataexchange.devnet.endorser.IssuedEndorsements issued) {
        this.channelId = channelId;
        this.msps = msps;
        this.endorsingMsps = Set.copyOf(endorsingMsps);
        this.issued = issued;
    }

    /**
     * Decides a block's transactions. {@code committed} tells whether a tx id is already in an earlier block.
     */
    public List<Decision> validate(List<Envelope> envelopes, WorldState state, java.util.function.Predicate<String> committed) {
        List<Decision> decisions = new ArrayList<>(envelopes.size());
        Set<String> seenInBlock = new HashSet<>();
        Map<String, Version> blockUpdates = new HashMap<>();
        for (Envelope env : envelopes) {
            Decision d = decide(env, state, committed, seenInBlock, blockUpdates);
            decisions.add(d);
            if (d.code() == TxValidationCode.VALID) {
                for (Write w : d.writes()) {
                    blockUpdates.put(w.namespace() + '\u0000' + w.key(), PENDING);
                }
            }
        }
        return decisions;
    }

    /** Marks a key written earlier in the block: any read of it in a later transaction is stale. */
    private static final Version PENDING = new Version(Long.MAX_VALUE, Long.MAX_VALUE);

    private Decision decide(Envelope env, WorldState state, java.util.function.Predicate<String> committed,
                            Set<String> seenInBlock, Map<String, Version> blockUpdates) {
        Payload payload;
        ChannelHeader ch;
        try {
            payload = Payload.parseFrom(env.getPayload());
            Header header = payload.getHeader();
            ch = ChannelHeader.parseFrom(header.getChannelHeader());
        } catch (InvalidProtocolBufferException e) {
            return reject("", TxValidationCode.BAD_PAYLOAD);
        }
        String txId = ch.getTxId();
        if (!channelId.equals(ch.getChannelId())) {
            return reject(txId, TxValidationCode.TARGET_CHAIN_NOT_FOUND);
        }
        if (ch.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
            return reject(txId, TxValidationCode.UNKNOWN_TX_TYPE);
        }
        if (committed.test(txId) || !seenInBlock.add(txId)) {
            return reject(txId, TxValidationCode.DUPLICATE_TXID);
        }
        ChaincodeAction action;
        ByteString prpBytes;
        List<Endorsement> endorsements;
        try {
            Transaction tx = Transaction.parseFrom(payload.getData());
            if (tx.getActionsCount() == 0) {
                return reject(txId, TxValidationCode.NIL_TXACTION);
            }
            ChaincodeActionPayload cap = ChaincodeActionPayload.parseFrom(tx.getActions(0).getPayload());
            prpBytes = cap.getAction().getProposalResponsePayload();
            endorsements = cap.getAction().getEndorsementsList();
            ProposalResponsePayload prp = ProposalResponsePayload.parseFrom(prpBytes);
            action = ChaincodeAction.parseFrom(prp.getExtension());
        } catch (InvalidProtocolBufferException e) {
            return reject(txId, TxValidationCode.BAD_PAYLOAD);
        }
        if (!endorsedByPeer(prpBytes, endorsements)) {
            return reject(txId, TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        }
        TxReadWriteSet rwset;
        List<Write> writes = new ArrayList<>();
        try {
            rwset = TxReadWriteSet.parseFrom(action.getResults());
            for (NsReadWriteSet ns : rwset.getNsRwsetList()) {
                KVRWSet kv = KVRWSet.parseFrom(ns.getRwset());
                for (KVRead read : kv.getReadsList()) {
                    Version expected = Version.fromProto(read);
                    Version pending = blockUpdates.get(ns.getNamespace() + '\u0000' + read.getKey());
                    Version current = pending != null ? pending : state.version(ns.getNamespace(), read.getKey());
                    if (!java.util.Objects.equals(expected, current)) {
                        return reject(txId, TxValidationCode.MVCC_READ_CONFLICT);
                    }
                }
                for (RangeQueryInfo range : kv.getRangeQueriesInfoList()) {
                    if (phantom(ns.getNamespace(), range, state, blockUpdates)) {
                        return reject(txId, TxValidationCode.PHANTOM_READ_CONFLICT);
                    }
                }
                for (KVWrite w : kv.getWritesList()) {
                    writes.add(new Write(ns.getNamespace(), w.getKey(), w.getValue().toByteArray(), w.getIsDelete()));
                }
            }
        } catch (InvalidProtocolBufferException e) {
            return reject(txId, TxValidationCode.BAD_RWSET);
        }
        return new Decision(txId, TxValidationCode.VALID, writes, action.getEvents());
    }

    /** At least one endorsement by a known peer of an endorsing organisation, signed over payload || endorser. */
    private boolean endorsedByPeer(ByteString prpBytes, List<Endorsement> endorsements) {
        for (Endorsement e : endorsements) {
            if (issued.takeIfIssued(prpBytes, e.getEndorser(), e.getSignature())) {
                return true;
            }
            try {
                VerifiedIdentity endorser = msps.verify(e.getEndorser().toByteArray());
                if (!endorsingMsps.contains(endorser.mspId())) {
                    continue;
                }
                msps.verifySignature(endorser, prpBytes.concat(e.getEndorser()).toByteArray(), e.getSignature().toByteArray());
                return true;
            } catch (IdentityException invalid) {
                // try the next endorsement; none valid means the policy fails
            }
        }
        return false;
    }

    /**
     * A range read is a phantom if a key in it was written earlier in this block, or if re-running it now
     * gives other keys or versions than the simulation saw.
     */
    private static boolean phantom(String namespace, RangeQueryInfo range, WorldState state, Map<String, Version> blockUpdates) {
        String prefix = namespace + '\u0000';
        for (String updated : blockUpdates.keySet()) {
            if (updated.startsWith(prefix)) {
                String key = updated.substring(prefix.length());
                if (key.compareTo(range.getStartKey()) >= 0 && key.compareTo(range.getEndKey()) < 0) {
                    return true;
                }
            }
        }
        List<KVRead> seen = range.getRawReads().getKvReadsList();
        int i = 0;
        for (Map.Entry<String, WorldState.VersionedValue> e : state.range(namespace, range.getStartKey(), range.getEndKey())) {
            if (i == seen.size()) {
                return range.getItrExhausted(); // a key the simulation would have seen appeared
            }
            KVRead r = seen.get(i++);
            if (!r.getKey().equals(e.getKey()) || !java.util.Objects.equals(Version.fromProto(r), e.getValue().version())) {
                return true;
            }
        }
        return i != seen.size();
    }

    private static Decision reject(String txId, TxValidationCode code) {
        return new Decision(txId, code, List.of(), ByteString.EMPTY);
    }
}

package org.dataexchange.devnet.commit;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import org.dataexchange.devnet.commit.TransactionValidator.Write;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;

/** Reads what a stored endorser transaction carries: header, chaincode action, writes, event. */
public final class StoredTransactions {

    private StoredTransactions() {}

    public static ChannelHeader channelHeader(Envelope env) throws InvalidProtocolBufferException {
        return ChannelHeader.parseFrom(Payload.parseFrom(env.getPayload()).getHeader().getChannelHeader());
    }

    public static ChaincodeAction chaincodeAction(Envelope env) throws InvalidProtocolBufferException {
        Transaction tx = Transaction.parseFrom(Payload.parseFrom(env.getPayload()).getData());
        ChaincodeActionPayload cap = ChaincodeActionPayload.parseFrom(tx.getActions(0).getPayload());
        ProposalResponsePayload prp = ProposalResponsePayload.parseFrom(cap.getAction().getProposalResponsePayload());
        return ChaincodeAction.parseFrom(prp.getExtension());
    }

    /** The chaincode event of an endorser transaction, or null if it set none. */
    public static ChaincodeEvent event(Envelope env) throws InvalidProtocolBufferException {
        ChaincodeAction action = chaincodeAction(env);
        if (action.getEvents().isEmpty()) {
            return null;
        }
        ChaincodeEvent e = ChaincodeEvent.parseFrom(action.getEvents());
        return e.getEventName().isEmpty() ? null : e;
    }

    public static List<Write> writes(Envelope env) throws InvalidProtocolBufferException {
        List<Write> writes = new ArrayList<>();
        TxReadWriteSet rwset = TxReadWriteSet.parseFrom(chaincodeAction(env).getResults());
        for (NsReadWriteSet ns : rwset.getNsRwsetList()) {
            for (KVWrite w : KVRWSet.parseFrom(ns.getRwset()).getWritesList()) {
                writes.add(new Write(ns.getNamespace(), w.getKey(), w.getValue().toByteArray(), w.getIsDelete()));
            }
        }
        return writes;
    }
}

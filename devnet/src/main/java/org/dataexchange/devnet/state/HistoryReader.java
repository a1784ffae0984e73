package org.dataexchange.devnet.state;

import java.util.List;
import org.hyperledger.fabric.shim.ledger.KeyModification;

/** Answers GetHistoryForKey: every committed modification of a key, newest first. */
@FunctionalInterface
public interface HistoryReader {
    List<KeyModification> history(String namespace, String key);
}

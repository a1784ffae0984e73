package org.dataexchange.settlementclient;

/** A running event consumer; closing it stops delivery after the event in hand. */
public interface EventSubscription extends AutoCloseable {

    /** Times the stream broke and was reopened from the checkpoint. */
    long reconnects();

    @Override
    void close();
}

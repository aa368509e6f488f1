package org.archivist.host.reference.internal;

import java.io.IOException;
import java.util.function.Consumer;

/** Moves encoded announcement frames between nodes; it neither signs nor verifies anything. */
public interface AnnouncementTransport extends AutoCloseable {

    /** Starts delivering frames received from other nodes to {@code receiver}. */
    void start(Consumer<byte[]> receiver) throws IOException;

    /** Sends a frame to the other nodes. */
    void send(byte[] frame) throws IOException;

    @Override
    void close();
}

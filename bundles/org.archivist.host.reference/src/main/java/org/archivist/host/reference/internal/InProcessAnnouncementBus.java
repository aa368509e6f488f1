package org.archivist.host.reference.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Connects reference hosts inside one JVM: a frame sent by one attached transport is delivered, on the
 * sender's thread, to every other attached transport.
 */
public final class InProcessAnnouncementBus {
    private final List<Endpoint> endpoints = new CopyOnWriteArrayList<>();

    public AnnouncementTransport attach() {
        return new Endpoint();
    }

    private final class Endpoint implements AnnouncementTransport {
        private volatile Consumer<byte[]> receiver;

        @Override
        public void start(Consumer<byte[]> receiver) {
            this.receiver = receiver;
            endpoints.add(this);
        }

        @Override
        public void send(byte[] frame) {
            for (Endpoint e : endpoints) {
                Consumer<byte[]> r = e.receiver;
                if (e != this && r != null) {
                    r.accept(frame.clone());
                }
            }
        }

        @Override
        public void close() {
            endpoints.remove(this);
        }
    }
}

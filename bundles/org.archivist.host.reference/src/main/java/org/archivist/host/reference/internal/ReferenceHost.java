package org.archivist.host.reference.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A whole reference host in plain Java (what the OSGi components assemble separately): a message store
 * and importer under {@code dataDir/messages}, a community directory, a signed announcement channel on a
 * transport, and the hash-ratchet cipher (its steps in {@code dataDir/hash-ratchet.properties}). Used by
 * tests and the demo to run several nodes in one JVM.
 */
public final class ReferenceHost implements AutoCloseable {
    private final CommunityRegistry directory = new CommunityRegistry();
    private final LogMessageStore store;
    private final StoringImporter importer;
    private final SignedAnnouncementChannel channel;
    private final HashRatchetCipher cipher;

    public ReferenceHost(Path dataDir, String installationId, AnnouncementTransport transport) throws IOException {
        this.store = new LogMessageStore(dataDir.resolve("messages"));
        this.importer = new StoringImporter(store);
        this.cipher = new HashRatchetCipher(directory, installationId,
                Optional.of(dataDir.resolve("hash-ratchet.properties")));
        this.channel = new SignedAnnouncementChannel(directory, transport).start();
    }

    public CommunityRegistry directory() {
        return directory;
    }

    public LogMessageStore store() {
        return store;
    }

    public StoringImporter importer() {
        return importer;
    }

    public SignedAnnouncementChannel channel() {
        return channel;
    }

    public HashRatchetCipher cipher() {
        return cipher;
    }

    @Override
    public void close() throws IOException {
        channel.close();
        store.close();
    }
}

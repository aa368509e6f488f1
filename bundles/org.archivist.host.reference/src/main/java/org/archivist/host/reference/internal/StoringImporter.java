package org.archivist.host.reference.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.host.MessageImporter;

import jakarta.inject.Inject;

/**
 * The reference host's receive path for archived messages: each is stored once, by hash, in the node's
 * message store (a chat server would run its normal message handling here instead).
 */
public class StoringImporter implements MessageImporter {
    private final LogMessageStore store;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();

    @Inject
    public StoringImporter(LogMessageStore store) {
        this.store = store;
    }

    @Override
    public void importMessages(CommunityId community, List<ArchivedMessage> batch) throws ArchivistException {
        try {
            int added = store.add(community, batch);
            received.addAndGet(batch.size());
            stored.addAndGet(added);
        } catch (IOException | RuntimeException e) {
            throw new ArchivistException("cannot store " + batch.size() + " archived messages of " + community + ": "
                    + e.getMessage(), e);
        }
    }

    /** Messages handed to this importer so far. */
    public long received() {
        return received.get();
    }

    /** Of those, the ones that were new and got stored. */
    public long stored() {
        return stored.get();
    }
}

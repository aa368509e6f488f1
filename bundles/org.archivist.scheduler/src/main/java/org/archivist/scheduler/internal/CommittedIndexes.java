package org.archivist.scheduler.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.IndexEntry;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageBackend;
import org.archivist.api.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A control node's committed index per community and backend, read again only when the backend's current link
 * changed (a commit). Reading opens a publish session for an instant; when an archive run holds the community's
 * session, the index read before is used.
 */
final class CommittedIndexes {
    private static final Logger LOG = LoggerFactory.getLogger(CommittedIndexes.class);

    /** A backend's committed index as last read, under the link it had then. */
    private record Indexed(String link, List<IndexEntry> entries) {
    }

    private final ArchiveFormat format;
    private final Map<String, Indexed> indexes = new ConcurrentHashMap<>();

    CommittedIndexes(ArchiveFormat format) {
        this.format = format;
    }

    /** The backend's committed index entries (empty when it has no set for the community). */
    List<IndexEntry> entries(CommunityId id, String name, StorageBackend backend) throws ArchivistException {
        Optional<String> link = backend.currentLink(id);
        String key = id.hex() + "|" + name;
        if (link.isEmpty()) {
            indexes.remove(key);
            return List.of();
        }
        Indexed cached = indexes.get(key);
        if (cached != null && cached.link().equals(link.get())) {
            return cached.entries();
        }
        Optional<byte[]> bytes;
        try (PublishSession session = backend.beginPublish(id)) {
            bytes = session.existingIndex();
        } catch (StorageException e) {
            if (e.retryable() && cached != null) {
                LOG.debug("{}: {} index busy ({}); using the one read before", id, name, e.getMessage());
                return cached.entries();
            }
            throw e;
        }
        List<IndexEntry> entries = bytes.isEmpty() || bytes.get().length == 0 ? List.of()
                : List.copyOf(format.readIndex(id, bytes.get(), backend.linkFormat()));
        indexes.put(key, new Indexed(link.get(), entries));
        return entries;
    }
}

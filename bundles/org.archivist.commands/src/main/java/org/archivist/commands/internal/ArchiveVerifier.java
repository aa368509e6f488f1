package org.archivist.commands.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.IndexEntry;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.storage.ArchiveDownload;
import org.archivist.api.storage.DownloadProgress;
import org.archivist.api.storage.StorageBackend;
import org.archivist.api.storage.StorageException;
import org.archivist.core.member.ArchiveReader;

/**
 * Checks every archive of a link against its index and its storage: the index is fetched and decoded with
 * the backend's link format (which refuses an entry whose archive id is not the hash of its metadata and
 * location), each blob is fetched through the backend (which checks piece hashes or content ids), decoded and
 * matched against its index entry, and each message must lie in the archive's range.
 */
final class ArchiveVerifier {

    /** Hears about each archive as it is checked, and the bytes of the one in transfer. */
    interface Listener {
        Listener NONE = new Listener() {
        };

        default void index(String link, String backend, int entries) {
        }

        default void progress(IndexEntry entry, long done, long total) {
        }

        default void checked(ArchiveCheck check) {
        }
    }

    private final Map<String, StorageBackend> backends;
    private final Optional<ArchiveCipher> cipher;
    private final ArchiveReader reader;

    /** @param backends the running backends by {@code storage.type} */
    ArchiveVerifier(Map<String, StorageBackend> backends, Optional<ArchiveCipher> cipher, ArchiveReader reader) {
        this.backends = new TreeMap<>(backends);
        this.cipher = cipher;
        this.reader = reader;
    }

    /**
     * Checks every archive of {@code link} on the first backend that takes the link (a backend refuses the
     * links of another); throws only when no backend takes it or the index cannot be had or is unsound.
     */
    List<ArchiveCheck> verify(CommunityId community, String link, Listener listener)
            throws ArchivistException, InterruptedException {
        List<String> refusals = new ArrayList<>();
        for (Map.Entry<String, StorageBackend> b : backends.entrySet()) {
            ArchiveDownload download;
            try {
                download = b.getValue().download(community, link);
            } catch (StorageException e) {
                if (e.retryable()) {
                    throw e;
                }
                refusals.add(b.getKey() + ": " + e.getMessage());
                continue;
            }
            try (download) {
                List<IndexEntry> entries = reader.readIndex(community, download.index(),
                        b.getValue().linkFormat(), cipher);
                listener.index(link, b.getKey(), entries.size());
                List<ArchiveCheck> checks = new ArrayList<>();
                for (IndexEntry entry : entries) {
                    ArchiveCheck check = check(community, download, entry, listener);
                    checks.add(check);
                    listener.checked(check);
                }
                return checks;
            }
        }
        throw new ArchivistException("no running backend takes the link " + link
                + (refusals.isEmpty() ? " (none is running)" : ": " + refusals));
    }

    private ArchiveCheck check(CommunityId community, ArchiveDownload download, IndexEntry entry, Listener listener)
            throws InterruptedException {
        try {
            DownloadProgress progress = (done, total) -> listener.progress(entry, done, total);
            byte[] blob = download.archive(entry.location(), progress);
            List<ArchivedMessage> messages = reader.readArchive(community, entry, blob, cipher);
            for (ArchivedMessage m : messages) {
                if (!entry.range().contains(m.timestamp())) {
                    return ArchiveCheck.failed(entry, "message " + m.hashHex() + " at " + m.timestamp()
                            + " lies outside the archive's range " + entry.range());
                }
            }
            return ArchiveCheck.ok(entry, messages.size(), blob.length);
        } catch (ArchivistException | RuntimeException e) {
            return ArchiveCheck.failed(entry, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}

package org.archivist.commands.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.IndexEntry;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.storage.ArchiveDownload;
import org.archivist.api.storage.DownloadProgress;
import org.archivist.api.storage.LinkKind;
import org.archivist.api.storage.StorageBackend;
import org.archivist.core.member.ArchiveReader;

/**
 * Checks every archive of a link against its index and its storage: the index is fetched and decoded (the
 * core refuses an entry whose archive id is not the hash of its metadata and location), each blob is fetched
 * through the backend (which checks piece hashes or content ids), decoded and matched against its index
 * entry, and each message must lie in the archive's range.
 */
final class ArchiveVerifier {

    /** Hears about each archive as it is checked, and the bytes of the one in transfer. */
    interface Listener {
        Listener NONE = new Listener() {
        };

        default void index(String link, int entries) {
        }

        default void progress(IndexEntry entry, long done, long total) {
        }

        default void checked(ArchiveCheck check) {
        }
    }

    private final Map<LinkKind, StorageBackend> backends;
    private final Optional<ArchiveCipher> cipher;
    private final ArchiveReader reader;

    ArchiveVerifier(Map<LinkKind, StorageBackend> backends, Optional<ArchiveCipher> cipher, ArchiveReader reader) {
        this.backends = Map.copyOf(backends);
        this.cipher = cipher;
        this.reader = reader;
    }

    static LinkKind kindOf(String link) {
        return link.startsWith("magnet:") ? LinkKind.MAGNET : LinkKind.INDEX_CID;
    }

    /** Checks every archive of {@code link}; throws only when the index itself cannot be had or is unsound. */
    List<ArchiveCheck> verify(CommunityId community, String link, Listener listener)
            throws ArchivistException, InterruptedException {
        LinkKind kind = kindOf(link);
        StorageBackend backend = backends.get(kind);
        if (backend == null) {
            throw new ArchivistException("no " + (kind == LinkKind.MAGNET ? "BitTorrent" : "Codex")
                    + " backend is running here to check " + link);
        }
        List<ArchiveCheck> checks = new ArrayList<>();
        try (ArchiveDownload download = backend.download(community, link)) {
            List<IndexEntry> entries = reader.readIndex(community, download.index(), Optional.of(kind), cipher);
            listener.index(link, entries.size());
            for (IndexEntry entry : entries) {
                ArchiveCheck check = check(community, download, entry, listener);
                checks.add(check);
                listener.checked(check);
            }
        }
        return checks;
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

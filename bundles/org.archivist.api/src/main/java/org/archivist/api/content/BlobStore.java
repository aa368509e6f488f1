package org.archivist.api.content;

import java.nio.file.Path;
import java.util.List;

import org.archivist.api.storage.BackendStatus;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Content-addressed blobs (files, community descriptions) on a storage backend, registered as an OSGi service
 * beside the backend's {@link org.archivist.api.storage.StorageBackend} with the same {@value #TYPE_PROPERTY}
 * (for example {@code codex}, {@code bittorrent}). A blob's link is a pure function of its bytes (a Codex CID
 * uploaded with fixed parameters, an infohash of a torrent built with fixed parameters), so the link is known
 * before the upload ends and every fetch can be verified against it.
 *
 * <p><b>Contract</b>: every method may be called from any thread. Bad arguments are
 * {@link IllegalArgumentException}s; a link of another form is an {@link InvalidLinkException}; bytes that do not
 * match their link are a {@link ContentIntegrityException} and never reach the target. A cancelled call throws
 * {@link java.util.concurrent.CancellationException}; an interrupted one {@link InterruptedException}. Nothing is
 * started in a constructor.
 */
@ConsumerType
public interface BlobStore {
    /** Service property naming the backend; the same value as its archive backend's. */
    String TYPE_PROPERTY = "storage.type";

    /** Whether the backend can serve calls now, and if not, why. Quick: never waits for the network long. */
    BackendStatus status();

    /** Whether {@code link} has this store's form (it may still be unknown to everyone). */
    boolean recognizes(String link);

    /** The link {@link #put} will return for this file, computed locally (no network): hashing only. */
    String linkOf(Path file) throws ContentException;

    /**
     * Stores the file and keeps it available to others (a Codex upload whose TTL the store refreshes; a seeded
     * torrent) until {@link #release}. Idempotent: storing content the store already holds uploads nothing.
     * The file may be deleted by the caller afterwards (the store keeps what it needs).
     *
     * @return the link, equal to {@link #linkOf} of the same bytes
     */
    String put(Path file, TransferProgress progress, CancelSignal cancel) throws ContentException, InterruptedException;

    /**
     * Fetches the content of {@code link} into {@code target} (replaced atomically once verified). An interrupted
     * fetch keeps what was verified, and the next fetch of the same link continues from it where the backend can
     * (BitTorrent: verified pieces; Codex: blocks already on the node).
     */
    void fetch(String link, Path target, TransferProgress progress, CancelSignal cancel)
            throws ContentException, InterruptedException;

    /** The links this store keeps available (stored by {@link #put} and not released). */
    List<String> kept() throws ContentException;

    /** Renews the availability of everything kept whose refresh is due (Codex: re-stores before the TTL ends). */
    void refreshDue() throws ContentException;

    /** Stops keeping the content available and drops the store's own copy. Unknown links are ignored. */
    void release(String link) throws ContentException;
}

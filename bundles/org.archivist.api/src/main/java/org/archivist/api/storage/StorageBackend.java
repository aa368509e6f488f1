package org.archivist.api.storage;

import java.util.Optional;

import org.archivist.api.CommunityId;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A place where a community's archive blobs and index live, and from which members fetch them.
 *
 * <p>Registered as an OSGi service with the property {@value #TYPE_PROPERTY}, the one source of the
 * backend's name: the shipped backends are {@value #BITTORRENT} and {@value #CODEX}, and any other name
 * plugs in the same way (a community's {@code backend} configuration names it; the scheduler binds every
 * backend it finds, as they come and go). What is specific to the backend's links (link kind, index
 * encoding, archive ids, announcement message) is its {@link #linkFormat()}.
 *
 * <p>A backend stores bytes: the archive format (encoding, encryption, the index) belongs to the core. On
 * the owner side the core appends blobs through a {@link PublishSession} and hands over the finished index
 * bytes; on the member side it reads the index bytes and the blobs of an {@link ArchiveDownload} and
 * decodes them itself.
 *
 * <p><b>Contract</b> (checked by the storage test kit):
 * <ul>
 * <li>Thread safety: every method may be called from any thread; calls for different communities run
 * concurrently. One {@link PublishSession} per community is open at a time (another
 * {@link #beginPublish} fails, retryable); a session and a download are used by one thread at a time,
 * except {@link ArchiveDownload#cancel()}, which any thread may call.</li>
 * <li>Misuse is an {@link IllegalStateException} (a session used after commit or close, a blob of other
 * than its announced length); bad arguments are {@link IllegalArgumentException}s; a link that can never
 * resolve is a non-retryable {@link StorageException}.</li>
 * <li>{@link #unseed} stops offering the community's set to members; it never loses the committed set a
 * later {@link #seed} or {@link #beginPublish} builds on ({@link #currentLink} is unchanged). A backend
 * whose remote copy is deleted on unseed (Codex) keeps its local copy and stores it again on seed.</li>
 * <li>Cancellation: {@link ArchiveDownload#cancel()} makes a blocked call of that download throw
 * {@link java.util.concurrent.CancellationException} soon; verified data stays for a resume. An interrupted
 * caller gets {@link InterruptedException}.</li>
 * <li>Nothing is started in a constructor; a backend that cannot work says so in {@link #status()}.</li>
 * </ul>
 */
@ConsumerType
public interface StorageBackend {
    /** Service property naming the backend, for example {@value #BITTORRENT} or {@value #CODEX}. */
    String TYPE_PROPERTY = "storage.type";
    /** The name of the Status-compatible BitTorrent backend. */
    String BITTORRENT = "bittorrent";
    /** The name of the Codex (Logos Storage) backend. */
    String CODEX = "codex";

    /** How this backend's links, indexes and announcements look. */
    LinkFormat linkFormat();

    /** Whether the backend serves calls now, and if not, why. Quick: never waits for the network long. */
    BackendStatus status();

    /**
     * Starts adding archives to the community's set. Only one session per community at a time;
     * a session closed without {@link PublishSession#commit commit} leaves the set as it was.
     */
    PublishSession beginPublish(CommunityId community) throws StorageException;

    /** The link of the last committed set, if there is one (to re-seed and re-announce after a restart). */
    Optional<String> currentLink(CommunityId community) throws StorageException;

    /**
     * Makes the last committed set available to members (BitTorrent: seed the torrent; Codex: make sure
     * the node holds the index and every archive). Idempotent.
     */
    void seed(CommunityId community) throws StorageException;

    /**
     * Stops offering the community's archives (BitTorrent: stop seeding, files stay; Codex: delete from the
     * node, the local copies stay). Idempotent; the committed set survives (see the contract above).
     */
    void unseed(CommunityId community) throws StorageException;

    /** Member side: starts resolving a link announced for the community. Nothing is fetched until asked. */
    ArchiveDownload download(CommunityId community, String link) throws StorageException;
}

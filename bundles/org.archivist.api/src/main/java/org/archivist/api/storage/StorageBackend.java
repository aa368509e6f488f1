package org.archivist.api.storage;

import java.util.Optional;

import org.archivist.api.CommunityId;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A place where a community's archive blobs and index live, and from which members fetch them.
 *
 * <p>A backend stores bytes; it never interprets them. The archive format (encoding, encryption,
 * archive ids, the index codec) belongs to the core: on the owner side the core appends blobs
 * through a {@link PublishSession} and hands over the finished index bytes; on the member side it
 * reads the index bytes and the blobs of an {@link ArchiveDownload} and decodes them itself.
 *
 * <p>Registered as an OSGi service with the property {@value #TYPE_PROPERTY} set to {@link #type()}.
 * Optional abilities are sub-interfaces (for example {@link StoredArchiveReader}).
 */
@ConsumerType
public interface StorageBackend {
    /** Service property naming the backend: {@value #BITTORRENT} or {@value #CODEX}. */
    String TYPE_PROPERTY = "storage.type";
    String BITTORRENT = "bittorrent";
    String CODEX = "codex";

    /** {@value #BITTORRENT}, {@value #CODEX}, or the type of another backend. */
    String type();

    /** The kind of link this backend announces, and so the announcement message members receive. */
    LinkKind linkKind();

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

    /** Stops offering the community's archives (BitTorrent: stop seeding; Codex: delete from the node). */
    void unseed(CommunityId community) throws StorageException;

    /** Member side: starts resolving a link announced for the community. Nothing is fetched until asked. */
    ArchiveDownload download(CommunityId community, String link) throws StorageException;
}

package org.archivist.api.storage;

import java.util.Collection;
import java.util.List;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchiveMetadata;
import org.archivist.api.IndexEntry;
import org.archivist.api.InvalidArchiveException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Everything specific to the links of one backend, which the core and the scheduler use without knowing
 * the backend: the announcement message (its {@code ApplicationMetadataMessage} type and payload), the
 * encoding of the index, and the archive ids (which depend on the {@link ArchiveLocation} the backend
 * gives out). The core ships Status' two formats (magnet link, index CID) as reusable codecs; a backend
 * returns its format from {@link StorageBackend#linkFormat()}.
 *
 * <p>Implementations are stateless and thread-safe; decoding treats its input as untrusted.
 */
@ConsumerType
public interface LinkFormat {

    /** The kind of link, unique among the backends of a node. */
    LinkKind kind();

    /** The {@code ApplicationMetadataMessage.Type} number the announcement travels as. */
    int announcementType();

    /** The announcement payload members receive. */
    byte[] encodeAnnouncement(Announcement announcement);

    /** Decodes a received payload; a blank link is an {@link InvalidArchiveException}. */
    Announcement decodeAnnouncement(byte[] payload) throws InvalidArchiveException;

    /**
     * The id of the archive with this metadata stored at {@code location}.
     *
     * @throws IllegalArgumentException when the location is not of this format's shape
     */
    String archiveId(ArchiveMetadata metadata, ArchiveLocation location);

    /**
     * Encodes the (plain) index of these entries.
     *
     * @throws IllegalArgumentException when an entry's location is not of this format's shape or its id is
     *                                  not {@link #archiveId its id}
     */
    byte[] encodeIndex(Collection<IndexEntry> entries);

    /**
     * Decodes and validates a plain index, listing at most {@code maxEntries} archives; every id is checked
     * against {@link #archiveId}. Entries come in ascending {@code from}.
     */
    List<IndexEntry> decodeIndex(byte[] plainIndex, int maxEntries) throws InvalidArchiveException;
}

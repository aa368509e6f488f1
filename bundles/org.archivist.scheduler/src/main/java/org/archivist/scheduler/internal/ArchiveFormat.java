package org.archivist.scheduler.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.IndexEntry;
import org.archivist.api.TimeRange;
import org.archivist.api.host.Community;
import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.StorageBackend;
import org.archivist.core.member.ArchiveMessages;

/** What the scheduler needs of the archive engine (the core): write archives, read an index and archives. */
public interface ArchiveFormat {

    /** The outcome of one archive run on one backend; {@code bytes}: the blob bytes it stored. */
    record Published(int archives, int messages, Optional<String> link, long bytes) {
        /** Without a byte count. */
        public Published(int archives, int messages, Optional<String> link) {
            this(archives, messages, link, 0);
        }
    }

    /**
     * Archives the community's messages of {@code run} in partitions of {@code partition} (status-go's time
     * loop and chunking) into the backend's set, encrypting when the community is encrypted, and commits.
     * Nothing is committed when there is no message; the link is then empty.
     */
    Published publish(Community community, TimeRange run, Duration partition, StorageBackend backend)
            throws ArchivistException;

    /** Decodes (and decrypts when needed) an index fetched through a link of {@code format}. */
    List<IndexEntry> readIndex(CommunityId community, byte[] index, LinkFormat format) throws ArchivistException;

    /** The archive's bytes as encoded before encryption (the blob itself when it is not sealed). */
    byte[] plainArchive(CommunityId community, byte[] blob) throws ArchivistException;

    /** Decodes (and decrypts when needed) the blob of {@code entry}, checking it is that archive. */
    List<ArchivedMessage> readArchive(CommunityId community, IndexEntry entry, byte[] blob) throws ArchivistException;

    /**
     * Opens the blob of {@code entry} in {@code file} (as fetched, possibly sealed) to read its messages as a stream,
     * in bounded memory, after checking it is that archive; the caller closes it.
     */
    ArchiveMessages openArchive(CommunityId community, IndexEntry entry, Path file)
            throws ArchivistException, IOException;

    /** The SHA-256 of the archive's bytes as encoded before encryption (the blob's when it is not sealed). */
    byte[] plainSha256(CommunityId community, Path file) throws ArchivistException, IOException;
}

package org.archivist.scheduler.internal;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.archivist.api.ArchivistException;
import org.archivist.api.TimeRange;
import org.archivist.api.storage.LinkKind;

/**
 * What survives a restart for one community (status-go's {@code communities_archive_info} and
 * {@code community_message_archive_hashes}). Every setter is durable when it returns.
 */
public interface ArchiveProgress {

    /** An archive a member downloaded, and whether its messages were imported. */
    record HeldArchive(String archiveId, boolean imported) {
    }

    /**
     * What a member's import found in an archive: its blob bytes, its messages, and whether every message lay in
     * the archive's range.
     */
    record ImportedFacts(long bytes, int messages, boolean inRange) {
    }

    /** Owner: the end (Unix seconds) of the last archived partition on the backend. */
    OptionalLong lastArchiveEnd(String backendType);

    void setLastArchiveEnd(String backendType, long seconds) throws ArchivistException;

    /** Owner: the clock last announced; member: the clock last accepted (ms). 0 when none. */
    long clock(LinkKind kind);

    void setClock(LinkKind kind, long clock) throws ArchivistException;

    /** Member: the link whose archives were all downloaded. */
    Optional<String> lastLink(LinkKind kind);

    /** Member: the link accepted but not fully downloaded yet (to resume after a restart). */
    Optional<String> pendingLink(LinkKind kind);

    /** Member: records an accepted link as pending. */
    void setPendingLink(LinkKind kind, Optional<String> link) throws ArchivistException;

    /** Member: the pending link is complete; it becomes the last link. */
    void completeLink(LinkKind kind, String link) throws ArchivistException;

    boolean holds(String archiveId);

    /** Member: an archive was downloaded and is waiting for import. */
    void addDownloaded(String archiveId) throws ArchivistException;

    /**
     * Member: an archive was downloaded and is waiting for import; its content keys (one per content-addressing
     * backend, {@link HeldContent}) are recorded in the same durable step.
     */
    void addDownloaded(String archiveId, List<String> contentKeys) throws ArchivistException;

    /** Member: the archive holding this content, if this member downloaded such an archive. */
    Optional<String> heldContent(String contentKey);

    /** Member: whether any content key starting with {@code prefix} is recorded. */
    boolean holdsContentUnder(String prefix);

    /**
     * Member: an archive whose content this member already holds under another id (from another backend): held
     * and imported at once, so it is neither downloaded nor imported again.
     */
    void addHeldElsewhere(String archiveId) throws ArchivistException;

    /** Member: the downloaded archives not imported yet, in download order. */
    List<HeldArchive> unimported();

    void markImported(String archiveId) throws ArchivistException;

    /** Member: drops an archive whose downloaded copy is lost or invalid, so that it is fetched again. */
    void forget(String archiveId) throws ArchivistException;

    /** Member: whether the archive's messages were imported (or it was held elsewhere). */
    boolean imported(String archiveId);

    /** Member: what the import of the archive found, if it recorded that. */
    Optional<ImportedFacts> importedFacts(String archiveId);

    /** Member: records what the import of a held archive found (before it is marked imported). */
    void setImportedFacts(String archiveId, ImportedFacts facts) throws ArchivistException;

    /** Member: the time ranges asked for on demand, beyond the history window, merged, in ascending order. */
    List<TimeRange> requestedRanges();

    /** Member: adds a range asked for on demand; durable when it returns. */
    void addRequestedRange(TimeRange range) throws ArchivistException;

    int archiveCount();

    int importedCount();
}

package org.archivist.api.service;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.archivist.api.CommunityId;

/**
 * Something this node stores that may be deleted to free disk space because other nodes serve it: a fetched copy
 * of someone else's file, or a member's copy of a community's archive set (already imported). Never a staged
 * publish, nor an owner's published archives: those are the only copies.
 *
 * @param kind        what it is
 * @param holder      who holds it: a {@link StorageHolder#name()} for files, a backend's {@code storage.type} for
 *                    archive sets
 * @param id          the holder's name for it (a file name, a community id), unique within the holder
 * @param bytes       the bytes its deletion frees
 * @param lastWritten when it was last written (the release order: oldest first)
 * @param community   the community it belongs to, when known
 * @since 1.6
 */
public record ReleasableCopy(Kind kind, String holder, String id, long bytes, Instant lastWritten,
        Optional<CommunityId> community) {

    /** What a copy is; the release policy names which kinds it may release. */
    public enum Kind {
        /** A fetched copy of a file (the file service's), fetchable again from its link. */
        FILE,
        /** A member's copy of a community's archive set in a storage backend, its archives imported. */
        ARCHIVE_SET
    }

    public ReleasableCopy {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lastWritten, "lastWritten");
        community = community == null ? Optional.empty() : community;
        if (bytes < 0) {
            throw new IllegalArgumentException("a copy cannot take negative bytes: " + bytes);
        }
    }

    /** One line for an operator: kind, holder, id and size. */
    public String describe() {
        return (kind == Kind.FILE ? "file " : "archive set ") + holder + ":" + id + " (" + bytes + " bytes, written "
                + lastWritten + ")";
    }
}

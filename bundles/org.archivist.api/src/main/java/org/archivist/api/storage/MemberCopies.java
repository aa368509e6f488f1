package org.archivist.api.storage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.archivist.api.CommunityId;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An optional ability of a {@link StorageBackend}: listing and deleting the archive sets it holds on this node as a
 * member (downloaded from others, who serve them), to free disk space. A set the backend published as an owner is
 * never listed nor deleted.
 *
 * @since 2.2
 */
@ConsumerType
public interface MemberCopies {

    /**
     * A member's copy of a community's archive set.
     *
     * @param community   whose set it is
     * @param bytes       the bytes its deletion frees
     * @param lastWritten when a file of it was last written
     */
    record MemberCopy(CommunityId community, long bytes, Instant lastWritten) {
        public MemberCopy {
            Objects.requireNonNull(community, "community");
            Objects.requireNonNull(lastWritten, "lastWritten");
        }
    }

    /** The member sets this backend holds now, in any order. */
    List<MemberCopy> memberCopies() throws StorageException;

    /**
     * Deletes the community's member set. The caller makes sure no download of it is running.
     *
     * @return the bytes freed; 0 when there was none
     * @throws StorageException when the community's set is one this backend published (never deleted) or the
     *                          files cannot be deleted
     */
    long releaseMemberCopy(CommunityId community) throws StorageException;
}

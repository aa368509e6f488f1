package org.archivist.api.service;

import java.util.List;
import java.util.Optional;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.osgi.annotation.versioning.ProviderType;

/** What Archivist offers a chat server, its shell commands and operators. */
@ProviderType
public interface ArchiveService {

    /** Every community Archivist is configured for. */
    List<CommunityArchiveStatus> communities();

    Optional<CommunityArchiveStatus> community(CommunityId id);

    /** Archives what accumulated since the last archive now, publishes and announces it (owner only). */
    void archiveNow(CommunityId id) throws ArchivistException;

    /**
     * Member side: resumes now, without waiting for a retry, what is pending for the community (the
     * download of the last accepted links, archives downloaded but not imported). Returns at once; progress
     * is reported by {@link ArchiveEvent}s.
     *
     * @throws ArchivistException when the community is not configured, or the implementation cannot do it
     */
    default void downloadNow(CommunityId id) throws ArchivistException {
        throw new ArchivistException("this archive service cannot start downloads on demand");
    }
}

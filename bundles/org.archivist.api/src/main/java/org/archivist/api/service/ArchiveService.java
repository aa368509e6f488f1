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
}

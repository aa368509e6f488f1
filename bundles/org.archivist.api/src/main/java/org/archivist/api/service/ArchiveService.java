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
     * Member: the answer to this node's join request carried an archive link, status-go's bare
     * {@code CommunityRequestToJoinResponse.magnet_uri} (field 6). The host calls this once it has
     * authenticated the response (the link has no signature of its own); as status-go, the link is downloaded
     * without the clock and last-seen checks (the other checks apply: known, enabled, joined, not the control
     * node, a backend for the link). A blank link is nothing to do, as in status-go.
     *
     * @return whether the link was taken and its download started
     * @throws org.archivist.api.InvalidArchiveException when the link is not a magnet link
     * @since 1.2
     */
    boolean acceptJoinResponseLink(CommunityId id, String magnetUri) throws ArchivistException;
}

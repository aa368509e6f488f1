package org.archivist.api.content;

import java.util.Optional;

import org.archivist.api.CommunityId;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Community descriptions through the storage: the control node publishes each new description and announces its
 * link over the host's {@link org.archivist.api.host.AnnouncementChannel} (signed with the community key, type
 * {@value #ANNOUNCEMENT_TYPE}); members and joiners fetch it in the background, retrying until it arrives or a
 * newer one supersedes it, verify it against the link, keep only the newest by clock and hand it to every
 * {@link DescriptionListener}.
 */
@ProviderType
public interface DescriptionService {
    /**
     * The {@code ApplicationMetadataMessage} type of a description-link announcement: Archivist's own number,
     * far above status-go's enum (as the provisional archive-link type 4301). Payload: UTF-8
     * {@code <clock>\n<FileLink#encode()>}.
     */
    int ANNOUNCEMENT_TYPE = 4302;

    /**
     * Control node: publishes the description (stored in the background) and announces its link at once.
     *
     * @throws ContentException when the clock is not newer than the last description published or known here
     */
    FileLink publish(CommunityId community, long clock, byte[] description) throws ContentException;

    /** A link the host received another way (a join response): fetched in the background like an announcement. */
    void received(CommunityId community, long clock, FileLink link);

    /** The newest verified description known here. */
    Optional<CommunityDescription> latest(CommunityId community) throws ContentException;
}

package org.archivist.api.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.TimeRange;
import org.archivist.api.storage.LinkKind;
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

    /**
     * The clock (ms) of each kind of link of the community, kinds without one left out. On its control node: the
     * clock last announced, which the host mirrors into its community description (status-go sets
     * {@code CommunityDescription.archive_magnetlink_clock}, field 9, to the {@code MAGNET} clock after each
     * announcement, see {@link ArchiveEvent.Type#ANNOUNCED}). On a member: the clock floor, below which announced
     * links are refused.
     *
     * @throws ArchivistException when the community has no archive configuration or its state cannot be read
     * @since 1.2
     */
    Map<LinkKind, Long> linkClocks(CommunityId id) throws ArchivistException;

    /**
     * Member: raises the clock floor of the community's links of {@code kind} to {@code clock} (never lowers it), as
     * status-go does from a received {@code CommunityDescription.archive_magnetlink_clock} for magnet links
     * ({@code new LinkKind("MAGNET")}); announcements with an older clock are then refused. Durable when it returns.
     *
     * @return the floor now in force
     * @throws IllegalArgumentException when {@code clock} is negative
     * @throws ArchivistException       when the community has no archive configuration or its state cannot be
     *                                  written
     * @since 1.2
     */
    long raiseLinkClock(CommunityId id, LinkKind kind, long clock) throws ArchivistException;

    /**
     * Every archive of the community this node knows, in ascending {@code from}. On its control node: the
     * committed sets of the configured backends (one summary per partition, naming every backend holding it), each
     * {@link ArchiveSummary.Availability#PUBLISHED PUBLISHED} with the outcome of the last check of its stored copy.
     * On a member (since 1.5): every entry of the newest index it fetched for each link kind it follows (decrypted
     * when the community is encrypted), one summary per partition naming the backends whose index lists it, each
     * {@link ArchiveSummary.Availability#HELD HELD} (downloaded and imported; {@code verified} and the message count
     * then come from the checks of its import), {@link ArchiveSummary.Availability#MISSING MISSING} (selected, not imported yet)
     * or {@link ArchiveSummary.Availability#OUTSIDE_WINDOW OUTSIDE_WINDOW} (left out by the community's history
     * window, fetchable with {@link #fetchRange}); empty before the member fetched an index. Gaps are derived from
     * the list: time between consecutive ranges is covered by no archive (no message then, or not archived), and
     * archives not {@code HELD} are the member's own gaps. Quick enough for a status page that polls: no network
     * call; index reads are cached per link and checks are remembered per archive id.
     *
     * @throws ArchivistException when the community has no archive configuration or its indexes cannot be read
     * @since 1.3
     */
    default List<ArchiveSummary> archiveSummaries(CommunityId id) throws ArchivistException {
        return List.of();
    }

    /**
     * Checks every archive of {@link #archiveSummaries} now, forgetting earlier outcomes: each stored blob is read back,
     * decoded and matched against its index entry; returns the summaries with the new outcomes. Slow (it reads
     * every blob); an operator's explicit action.
     *
     * @throws ArchivistException when the community has no archive configuration, or this service cannot check
     * @since 1.3
     */
    default List<ArchiveSummary> verifyArchives(CommunityId id) throws ArchivistException {
        throw new ArchivistException("this archive service cannot verify archives");
    }

    /**
     * Member: fetches and imports the archives of the newest fetched index whose range overlaps {@code range},
     * whatever the community's history window, and keeps asking for them (the request is durable: a restart
     * fetches what is still missing). Returns at once; progress is reported by {@link ArchiveEvent}s and by
     * {@link #archiveSummaries} (the archives turn from {@code OUTSIDE_WINDOW} to {@code MISSING} to {@code HELD}).
     * Archives already held are not fetched again. A range no index covers yet is remembered and fetched once an
     * index lists archives there.
     *
     * @param range the time range {@code [from, to)}, Unix seconds
     * @return the summaries of the archives {@code range} selects now (those not held are being fetched)
     * @throws ArchivistException when the community has no archive configuration, this node is its control node,
     *                            or the request cannot be recorded
     * @since 1.5
     */
    default List<ArchiveSummary> fetchRange(CommunityId id, TimeRange range) throws ArchivistException {
        throw new ArchivistException("this archive service cannot fetch archives on demand");
    }

    /**
     * The disk space this node holds for archives (and, since 1.6, for everything Archivist stores: see
     * {@link NodeStorage}) and its configured limit ({@code maxStorageBytes} of the scheduler; 0: none). At the limit,
     * once the release policy freed what it may, a member stops downloading (the archive stays
     * {@link ArchiveSummary.Availability#MISSING MISSING}, a {@code FAILED} event and the community's
     * {@link CommunityArchiveStatus#lastError() last error} name the limit) and retries later; an owner's own archives
     * are never refused or deleted by it. Walks the directories once per call: not for a tight loop.
     *
     * @return empty when this service does not account for storage
     * @since 1.5
     */
    default Optional<StorageUsage> storageUsage() {
        return Optional.empty();
    }
}

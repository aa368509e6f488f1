package org.archivist.core.link;

/**
 * The {@code ApplicationMetadataMessage} type numbers archive announcements travel as: the one place they are
 * defined. A node may override them by configuration ({@code magnetlinkType}, {@code archiveLinkType} of the
 * scheduler); every other class asks an instance of this record.
 *
 * <ul>
 * <li>{@link #MAGNETLINK} = 43: status-go's {@code COMMUNITY_MESSAGE_ARCHIVE_MAGNETLINK}, carrying
 * {@code CommunityMessageArchiveMagnetlink}, sent on {@code <community>-magnetlinks}.</li>
 * <li>{@link #ARCHIVE_LINK_PROVISIONAL}: Archivist's number for {@code CommunityMessageArchiveLink}, the message
 * later status-go sends on the universal chat for either kind of link. Upstream's number is not known here, so
 * this one is <b>provisional</b>: it lies far above status-go's sequentially allocated enum (highest used: 90,
 * 2024-10), so that no future status-go type can collide with it; configure upstream's number once it is
 * confirmed.</li>
 * </ul>
 *
 * A configured number may never be one status-go's enum uses for another message (for example 76, status-go's
 * {@code SYNC_ACTIVITY_CENTER_UNREAD}, which a Status client drops unless it comes from its own key).
 */
public record AnnouncementTypes(int magnetlink, int archiveLink) {
    /** status-go's {@code COMMUNITY_MESSAGE_ARCHIVE_MAGNETLINK}. */
    public static final int MAGNETLINK = 43;
    /** Archivist's provisional number for {@code CommunityMessageArchiveLink} (see the class comment). */
    public static final int ARCHIVE_LINK_PROVISIONAL = 4301;
    /** The highest number status-go's {@code ApplicationMetadataMessage.Type} used (2024-10). */
    public static final int STATUS_GO_HIGHEST_TYPE = 90;
    /** The defaults: 43 and the provisional archive-link number. */
    public static final AnnouncementTypes DEFAULT = new AnnouncementTypes(MAGNETLINK, ARCHIVE_LINK_PROVISIONAL);

    /**
     * @throws IllegalArgumentException when a number is not positive, both are equal, or a number is one that
     *                                  status-go's enum uses for another message
     */
    public AnnouncementTypes {
        if (magnetlink <= 0 || archiveLink <= 0) {
            throw new IllegalArgumentException("announcement types are positive numbers, got " + magnetlink + " and "
                    + archiveLink);
        }
        if (magnetlink == archiveLink) {
            throw new IllegalArgumentException("the magnet-link and archive-link announcements need two numbers, got "
                    + magnetlink + " for both");
        }
        if (magnetlink != MAGNETLINK && usedByStatusGo(magnetlink)) {
            throw new IllegalArgumentException("type " + magnetlink + " is another message in status-go's enum;"
                    + " the magnet-link announcement is " + MAGNETLINK);
        }
        if (usedByStatusGo(archiveLink)) {
            throw new IllegalArgumentException("type " + archiveLink + " is "
                    + (archiveLink == MAGNETLINK ? "the magnet-link message" : "another message")
                    + " in status-go's enum; the archive-link announcement needs a number above "
                    + STATUS_GO_HIGHEST_TYPE);
        }
    }

    /**
     * Whether the number is status-go's: its {@code ApplicationMetadataMessage.Type} enum (2024-10) uses every
     * number from 0 to {@value #STATUS_GO_HIGHEST_TYPE} (reserved and deprecated ones included) but 55, a gap it
     * may fill, so the whole range counts as taken.
     */
    public static boolean usedByStatusGo(int type) {
        return type >= 0 && type <= STATUS_GO_HIGHEST_TYPE;
    }
}

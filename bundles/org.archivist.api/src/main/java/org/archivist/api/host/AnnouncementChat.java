package org.archivist.api.host;

import java.util.Objects;
import java.util.Optional;

import org.archivist.api.CommunityId;

/**
 * The community chat an announcement is published on, as status-go uses them: the magnet-link message
 * (type 43) on {@code <community>-magnetlinks}, the generic archive-link message on the community's universal
 * chat {@code <community>-memberUpdate}. Members accept announcements on both.
 */
public enum AnnouncementChat {
    /** {@code <community id>-magnetlinks}: where status-go sends {@code CommunityMessageArchiveMagnetlink}. */
    MAGNETLINKS("-magnetlinks"),
    /** {@code <community id>-memberUpdate}, the universal chat: where later status-go sends archive links. */
    UNIVERSAL("-memberUpdate");

    private final String suffix;

    AnnouncementChat(String suffix) {
        this.suffix = suffix;
    }

    /** The suffix after the community id, e.g. {@code -magnetlinks}. */
    public String suffix() {
        return suffix;
    }

    /** The chat id: the community id ({@code 0x} + 66 lower-case hex digits) and the suffix. */
    public String chatId(CommunityId community) {
        return Objects.requireNonNull(community, "community").hex() + suffix;
    }

    /** The community whose announcement chat {@code chatId} is, if it is one. */
    public static Optional<CommunityId> communityOf(String chatId) {
        if (chatId == null) {
            return Optional.empty();
        }
        for (AnnouncementChat chat : values()) {
            if (chatId.endsWith(chat.suffix)) {
                try {
                    return Optional.of(CommunityId.of(chatId.substring(0, chatId.length() - chat.suffix.length())));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}

package org.archivist.commands.internal;

import org.archivist.api.CommunityId;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.CommunityArchiveStatus;

/** Turns a command's community argument into a configured community, or says clearly why not. */
final class Communities {
    private Communities() {
    }

    static CommunityId parse(String argument) {
        try {
            return CommunityId.of(argument == null ? null : argument.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (archive:list shows the configured ones)");
        }
    }

    static CommunityArchiveStatus configured(ArchiveService archives, String argument) {
        CommunityId id = parse(argument);
        return archives.community(id).orElseThrow(() -> new IllegalArgumentException(
                "community " + id + " has no archive configuration here (archive:list shows the configured ones)"));
    }

    /** The role this node has in the community. */
    static String role(CommunityArchiveStatus status) {
        return status.controlNode() ? "owner" : "member";
    }

    /** A shortened id for tables: 0x + 8 digits + .. + 4 digits. */
    static String shortId(CommunityId id) {
        String hex = id.hex();
        return hex.substring(0, 10) + ".." + hex.substring(hex.length() - 4);
    }
}

package org.archivist.api.content;

import java.util.Objects;
import java.util.Optional;

import org.archivist.api.CommunityId;

/**
 * What a host says about a file it publishes.
 *
 * @param community   the community the file is shared in; when the host's directory marks it encrypted, the
 *                    file is stored encrypted with the community's cipher. Empty for a file outside communities.
 * @param filename    the file's name for the receiver (kept by the host's message, never sent to the storage
 *                    node: the link depends on the bytes only); may be empty
 * @param storageType the backend to store it on ({@code codex}, {@code bittorrent}, ...); empty for the
 *                    service's configured default
 */
public record FileMetadata(Optional<CommunityId> community, String filename, Optional<String> storageType) {
    public FileMetadata {
        community = community == null ? Optional.empty() : community;
        filename = filename == null ? "" : filename;
        storageType = storageType == null ? Optional.empty() : storageType;
    }

    /** A file shared in a community, on the default backend. */
    public static FileMetadata in(CommunityId community, String filename) {
        return new FileMetadata(Optional.of(Objects.requireNonNull(community, "community")), filename,
                Optional.empty());
    }

    /** A file outside any community (never encrypted), on the default backend. */
    public static FileMetadata plain(String filename) {
        return new FileMetadata(Optional.empty(), filename, Optional.empty());
    }

    public FileMetadata on(String type) {
        return new FileMetadata(community, filename, Optional.of(type));
    }
}

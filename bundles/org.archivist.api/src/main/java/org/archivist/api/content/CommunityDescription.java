package org.archivist.api.content;

import java.util.Objects;

import org.archivist.api.CommunityId;

/**
 * A community description as its control node's host gave it ({@code CommunityDescription} bytes: their signature
 * is the host protocol's business), with the host's clock that orders versions, and the link it travelled as.
 */
public record CommunityDescription(CommunityId community, long clock, byte[] bytes, FileLink link) {
    public CommunityDescription {
        Objects.requireNonNull(community, "community");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(link, "link");
    }
}

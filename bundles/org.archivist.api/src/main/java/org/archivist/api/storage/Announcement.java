package org.archivist.api.storage;

import java.util.Objects;

/** A decoded archive announcement: the owner's clock in milliseconds and the link. */
public record Announcement(long clock, String link) {
    public Announcement {
        Objects.requireNonNull(link, "link");
    }
}

package org.archivist.api.content;

/**
 * EventAdmin topics and properties the file service posts (when EventAdmin runs), beside the scheduler's
 * {@code org/archivist/archive/<TYPE>} events.
 *
 * @since 1.1
 */
public final class ContentEvents {
    /** Common prefix of the content topics. */
    public static final String TOPIC_PREFIX = "org/archivist/content/";
    /**
     * A transfer was refused because the file service's storage is at its configured maximum (posted once each
     * time the limit is hit after a transfer that fit).
     */
    public static final String STORAGE_LIMIT_REACHED = TOPIC_PREFIX + "STORAGE_LIMIT_REACHED";
    /** The storage is below its maximum again: a transfer fit after the limit was hit. */
    public static final String STORAGE_LIMIT_CLEARED = TOPIC_PREFIX + "STORAGE_LIMIT_CLEARED";
    /** Event property: bytes in use ({@code Long}). */
    public static final String USED_BYTES = "usedBytes";
    /** Event property: the configured maximum in bytes ({@code Long}). */
    public static final String MAX_BYTES = "maxBytes";
    /** Event property: bytes the refused transfer needed ({@code Long}); only on {@link #STORAGE_LIMIT_REACHED}. */
    public static final String NEEDED_BYTES = "neededBytes";
    /** Event property: what was refused, in words. */
    public static final String WHAT = "what";

    private ContentEvents() {
    }
}

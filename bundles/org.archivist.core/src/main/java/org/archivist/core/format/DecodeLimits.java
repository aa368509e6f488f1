package org.archivist.core.format;

/**
 * Bounds applied to untrusted bytes before anything is allocated for them.
 *
 * @param maxArchiveBytes  the largest archive blob (sealed or plain) accepted
 * @param maxIndexBytes    the largest index file accepted
 * @param maxIndexEntries  the most archives one index may list
 * @param maxMessageWeight the heaviest message (payload + signature) accepted; status-go never archives
 *                         more than {@value PieceLayout#MAX_ARCHIVE_WEIGHT}
 */
public record DecodeLimits(int maxArchiveBytes, int maxIndexBytes, int maxIndexEntries, long maxMessageWeight) {

    /** 128 MiB archives, 64 MiB indexes, 1 000 000 entries, 30 000 000-byte messages. */
    public static final DecodeLimits DEFAULT =
            new DecodeLimits(128 << 20, 64 << 20, 1_000_000, PieceLayout.MAX_ARCHIVE_WEIGHT);

    public DecodeLimits {
        if (maxArchiveBytes <= 0 || maxIndexBytes <= 0 || maxIndexEntries <= 0 || maxMessageWeight <= 0) {
            throw new IllegalArgumentException("decode limits must be positive");
        }
    }
}

package org.archivist.core.format;

import org.archivist.api.ArchiveLocation.PieceRange;

/** The BitTorrent data layout of status-go: 102400-byte pieces and its padding rule (spec section 2). */
public final class PieceLayout {
    /** status-go's {@code pieceLength}. */
    public static final int PIECE_LENGTH = 100 * 1024;
    /** status-go's {@code maxArchiveSizeInBytes}: the cap on payload + signature bytes of one archive. */
    public static final int MAX_ARCHIVE_WEIGHT = 30_000_000;

    private PieceLayout() {
    }

    /**
     * The padded size of a blob of {@code rawLength} bytes: the next piece boundary above it, so a blob
     * that is an exact multiple of the piece length (above one piece) gets one whole extra zero piece,
     * and anything up to one piece takes exactly one piece.
     */
    public static long paddedSize(long rawLength) {
        if (rawLength <= 0) {
            throw new IllegalArgumentException("an archive blob cannot be empty");
        }
        return rawLength > PIECE_LENGTH ? rawLength + PIECE_LENGTH - rawLength % PIECE_LENGTH : PIECE_LENGTH;
    }

    /** Where a blob of {@code rawLength} bytes goes when appended at {@code offset}. */
    public static PieceRange place(long offset, long rawLength) {
        long size = paddedSize(rawLength);
        return new PieceRange(offset, size, size - rawLength);
    }
}

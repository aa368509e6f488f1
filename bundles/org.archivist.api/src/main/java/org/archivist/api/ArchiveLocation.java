package org.archivist.api;

/**
 * Where a backend stored one archive blob. Open: a backend may define its own shape (with a
 * {@link org.archivist.api.storage.LinkFormat} that encodes it); the two Status shapes are here for
 * every backend that reuses them.
 */
public interface ArchiveLocation {

    /**
     * A blob inside the BitTorrent {@code data} file: {@code size} bytes at {@code offset}, of which the
     * last {@code padding} are zeros; readers read {@code size - padding} bytes.
     */
    record PieceRange(long offset, long size, long padding) implements ArchiveLocation {
        public PieceRange {
            if (offset < 0 || size <= 0 || padding < 0 || padding >= size) {
                throw new IllegalArgumentException("inconsistent piece range: offset " + offset + ", size " + size
                        + ", padding " + padding);
            }
        }

        /** The length of the blob itself, without its padding. */
        public long blobLength() {
            return size - padding;
        }

        /** The first byte after this archive's padding. */
        public long end() {
            return offset + size;
        }
    }

    /** A blob stored under its own content identifier (a Codex manifest CID). */
    record ContentAddress(String cid) implements ArchiveLocation {
        public ContentAddress {
            if (cid == null || cid.isBlank()) {
                throw new IllegalArgumentException("content address is empty");
            }
        }
    }
}

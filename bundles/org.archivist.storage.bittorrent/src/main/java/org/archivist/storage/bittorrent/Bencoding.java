package org.archivist.storage.bittorrent;

import org.archivist.storage.bittorrent.internal.metainfo.Bencode;
import org.archivist.storage.bittorrent.internal.metainfo.BencodeException;

/**
 * BitTorrent's bencoding (BEP 3) as this bundle reads it from peers and files: strict (canonical integers,
 * sorted unique dictionary keys, nesting at most 64 deep, lengths checked before anything is allocated).
 */
public final class Bencoding {
    private Bencoding() {
    }

    /**
     * Decodes exactly one value spanning all of {@code bytes}: {@code Long}, {@code byte[]}, {@code List} or
     * {@code Map<String, Object>} (wire order).
     *
     * @throws InvalidTorrentException for anything that is not one canonical bencoded value
     */
    public static Object decode(byte[] bytes) throws InvalidTorrentException {
        try {
            return Bencode.decode(bytes);
        } catch (BencodeException e) {
            throw new InvalidTorrentException(e.getMessage(), e);
        }
    }
}

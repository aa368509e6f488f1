package org.archivist.storage.bittorrent;

/** A torrent, info dictionary, magnet link or bencoded value was refused; the message says why. */
public final class InvalidTorrentException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidTorrentException(String message, Throwable cause) {
        super(message, cause);
    }
}

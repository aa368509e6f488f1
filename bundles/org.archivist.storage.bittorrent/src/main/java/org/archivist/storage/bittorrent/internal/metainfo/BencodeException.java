package org.archivist.storage.bittorrent.internal.metainfo;

/** Bytes that are not valid bencode, or a torrent that lacks what a Status torrent must have. */
public class BencodeException extends Exception {
    private static final long serialVersionUID = 1L;

    public BencodeException(String message) {
        super(message);
    }
}

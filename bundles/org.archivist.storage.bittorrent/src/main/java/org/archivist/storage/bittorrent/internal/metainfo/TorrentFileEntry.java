package org.archivist.storage.bittorrent.internal.metainfo;

import java.util.List;

/** One file of a multi-file torrent: its path components under the torrent's name, and its length. */
public record TorrentFileEntry(List<String> path, long length) {
    public TorrentFileEntry {
        path = List.copyOf(path);
        if (path.isEmpty() || length < 0) {
            throw new IllegalArgumentException("bad torrent file entry " + path + " of length " + length);
        }
    }

    public String pathString() {
        return String.join("/", path);
    }
}

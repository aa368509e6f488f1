package org.archivist.storage.bittorrent;

/** One file of a torrent: its path inside the torrent ({@code /}-separated) and its length in bytes. */
public record TorrentFile(String path, long length) {
}

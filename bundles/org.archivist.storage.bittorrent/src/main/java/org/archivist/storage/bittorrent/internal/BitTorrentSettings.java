package org.archivist.storage.bittorrent.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where a node keeps its Status archive files and how it names them.
 *
 * @param dataDir         {@code <dataDir>/<community>/{data,index}} (status-go's {@code TorrentConfig.DataDir})
 * @param torrentDir      {@code <torrentDir>/<community>.torrent} (status-go's {@code TorrentConfig.TorrentDir})
 * @param trackers        the announce-list written into torrents (status-go's two UDP trackers by default)
 * @param createdBy       the torrent's {@code created by} (status-go writes the node's public key)
 * @param metadataTimeout how long a member waits for a torrent's metadata before giving up (retryable)
 * @param peerHints       {@code host:port} peers added as {@code x.pe} to every link this node downloads
 * @param resumeSeeding   whether seeding resumes for the communities seeded before a restart
 */
public record BitTorrentSettings(Path dataDir, Path torrentDir, List<String> trackers, String createdBy,
        Duration metadataTimeout, List<String> peerHints, boolean resumeSeeding) {
    public BitTorrentSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(torrentDir, "torrentDir");
        trackers = List.copyOf(trackers);
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(metadataTimeout, "metadataTimeout");
        peerHints = List.copyOf(peerHints);
        for (String peer : peerHints) {
            if (!peer.matches("[^\\s:]+:[0-9]{1,5}|\\[[0-9a-fA-F:]+\\]:[0-9]{1,5}")) {
                throw new IllegalArgumentException("peer hint must be host:port, got '" + peer + "'");
            }
        }
    }
}

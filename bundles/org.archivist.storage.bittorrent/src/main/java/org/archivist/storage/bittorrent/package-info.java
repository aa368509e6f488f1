/**
 * The BitTorrent side of Archivist in plain Java, outside OSGi (tools, demos, other bundles' tests):
 * {@code BitTorrentBackends.embedded(dir).peers(...).start()} builds a whole backend;
 * {@link org.archivist.storage.bittorrent.StatusTorrent}, {@link org.archivist.storage.bittorrent.MagnetUri} and
 * {@link org.archivist.storage.bittorrent.Bencoding} read and build status-go's torrents and links (every
 * rejection an {@link org.archivist.storage.bittorrent.InvalidTorrentException});
 * {@link org.archivist.storage.bittorrent.TorrentDownloader} downloads whole torrents with the embedded
 * engine. Both pick the engine by name ({@code libtorrent}, the default, or {@code bt}; since 1.2). In OSGi the backend is a Declarative Services component configured through Configuration Admin.
 */
@Export
@Version("1.2.0")
package org.archivist.storage.bittorrent;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

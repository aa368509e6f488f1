/**
 * Building a BitTorrent {@link org.archivist.api.content.BlobStore} in plain Java, outside OSGi (the tool, demos,
 * other bundles' tests): {@code BitTorrentBlobStores.embedded(dir).start()}. In OSGi it is a Declarative Services
 * component with its own engine (PID {@code org.archivist.storage.bittorrent.blobs}).
 */
@Export
@Version("1.1.0")
package org.archivist.storage.bittorrent.content;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

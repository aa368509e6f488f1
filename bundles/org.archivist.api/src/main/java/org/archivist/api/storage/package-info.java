/**
 * The storage SPI: implemented by each backend, registered with {@code storage.type=bittorrent|codex}.
 */
@Export
@Version("1.0.0")
package org.archivist.api.storage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * The Status on-disk layout of one community's BitTorrent archives, {@code <data-dir>/<community>/data}
 * (append-only blobs, zero-padded to 102400-byte pieces) and {@code .../index} (rewritten atomically).
 * Use {@link org.archivist.core.directory.ArchiveDirectory#open} to get a community's directory (it
 * repairs what a crash left behind), {@link org.archivist.core.directory.ArchiveDirectory#beginPublish} for
 * the {@link org.archivist.api.storage.PublishSession} the archive writer appends to (a BitTorrent backend
 * wraps it and adds the torrent), and {@link org.archivist.core.directory.ArchiveDirectory#readBlob} to read
 * an archive back.
 */
@Export
@Version("1.0.0")
package org.archivist.core.directory;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

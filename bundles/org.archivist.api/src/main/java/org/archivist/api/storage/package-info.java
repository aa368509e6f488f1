/**
 * The storage SPI: implemented by each backend ({@link org.archivist.api.storage.StorageBackend}), registered with
 * a {@code storage.type} service property naming it, with a {@link org.archivist.api.storage.LinkFormat} for what
 * is specific to its links. Since 2.2: the optional abilities {@link org.archivist.api.storage.ArchiveSizeLookup}
 * and {@link org.archivist.api.storage.MemberCopies}, and a backend's offline check of an archive it stores against
 * its own piece hashes ({@link org.archivist.api.storage.StoredPieceVerifier}); a member's download fetches an
 * archive into a file ({@link org.archivist.api.storage.ArchiveDownload#archiveTo}).
 */
@Export
@Version("2.2.0")
package org.archivist.api.storage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

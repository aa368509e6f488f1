/**
 * A member's side: {@link org.archivist.core.member.ArchiveReader} decodes an index and the archives it
 * lists from untrusted bytes (unsealing them first), or, since 1.2, an archive in a file as a stream
 * ({@link org.archivist.core.member.ArchiveMessages}); {@link org.archivist.core.member.ArchiveBatches} keeps an
 * archive's messages on the community's topics and hands them out in batches without waiting (the
 * scheduler's import paces them with scheduled tasks); {@link org.archivist.core.member.ImportPipeline} feeds
 * an archive's messages on the community's topics to the host's importer in rate-limited batches and
 * marks the archive imported in the {@link org.archivist.core.state.CommunityStateStore}.
 */
@Export
@Version("1.2.0")
package org.archivist.core.member;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

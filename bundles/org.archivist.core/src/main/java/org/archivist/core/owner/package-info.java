/**
 * The control node's side: {@link org.archivist.core.owner.ArchiveWriter#write} turns a community's
 * history over a time range into archives (status-go's partition loop: 7-day partitions, chunks of at most
 * 30 000 000 bytes, oversized messages dropped), appends them through any
 * {@link org.archivist.api.storage.PublishSession}, merges them into the existing index and commits it.
 * The result, {@link org.archivist.core.owner.ArchiveRun}, lists the new archives and the link.
 * {@link org.archivist.core.owner.ListMessageStore} is a message store over messages held in memory, for
 * offline tools that archive a file's messages.
 */
@Export
@Version("1.1.0")
package org.archivist.core.owner;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

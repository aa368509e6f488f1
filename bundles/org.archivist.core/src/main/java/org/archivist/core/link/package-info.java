/**
 * The Status link formats, reusable by any backend that stores archives the Status way:
 * {@link org.archivist.core.link.MagnetLinkFormat} (BitTorrent: piece ranges, announced as
 * {@code CommunityMessageArchiveMagnetlink}, type 43) and {@link org.archivist.core.link.IndexCidLinkFormat}
 * (Codex: one CID per archive, announced as {@code CommunityMessageArchiveLink}, a provisional type), their
 * announcement codec {@link org.archivist.core.link.StatusAnnouncements} (chat, type, payload, either message
 * received) and the one place the type numbers live, {@link org.archivist.core.link.AnnouncementTypes}.
 */
@Export
@Version("2.0.0")
package org.archivist.core.link;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

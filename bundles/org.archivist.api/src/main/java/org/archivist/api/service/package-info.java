/**
 * The service API Archivist offers: archive runs on demand, per-community status, events, and what a host
 * hands over from its own protocol messages (join-response links, clock floors) and the link clocks it mirrors
 * into them. Since 1.3: per-archive summaries ({@link org.archivist.api.service.ArchiveSummary}). Since 1.4: byte counts and
 * {@code FAILED} events with a reason ({@link org.archivist.api.service.ArchiveEvent}), a community's next run
 * ({@link org.archivist.api.service.CommunityArchiveStatus#nextRun()}). Since 1.5: what a node has of each archive
 * ({@link org.archivist.api.service.ArchiveSummary.Availability}: a member's held, missing and out-of-window archives,
 * listed by {@link org.archivist.api.service.ArchiveService#archiveSummaries} on members too) and a member's on-demand
 * fetch of a time range beyond its history window ({@link org.archivist.api.service.ArchiveService#fetchRange}); which
 * checks an archive's verdict rests on ({@link org.archivist.api.service.ArchiveSummary.Check}); the node's storage in use
 * against its limit ({@link org.archivist.api.service.StorageUsage}, {@link org.archivist.api.service.ArchiveService#storageUsage})
 * and a community's last error ({@link org.archivist.api.service.CommunityArchiveStatus#lastError()}). Since 1.6:
 * one node-wide storage limit for archives and files ({@link org.archivist.api.service.NodeStorage}, counting each
 * {@link org.archivist.api.service.StorageHolder}) and what it may release
 * ({@link org.archivist.api.service.ReleasePolicy}, {@link org.archivist.api.service.ReleasableCopy},
 * {@link org.archivist.api.service.ReleaseReport}); a check of a stored archive against its backend's own piece
 * hashes ({@link org.archivist.api.service.ArchiveSummary.Check#PIECE_HASHES}).
 */
@Export
@Version("1.6.0")
package org.archivist.api.service;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * Moving a community's archive set from one storage backend to another (first pair: BitTorrent to Codex),
 * verified, journaled and resumable: {@link org.archivist.migration.MigrationService} in OSGi,
 * {@link org.archivist.migration.Migrator} in plain Java (the offline tool, tests).
 */
@Export
@Version("1.0.0")
package org.archivist.migration;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

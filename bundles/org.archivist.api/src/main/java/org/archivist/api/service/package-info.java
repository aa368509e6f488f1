/**
 * The service API Archivist offers: archive runs on demand, per-community status, events, and what a host
 * hands over from its own protocol messages (join-response links, clock floors) and the link clocks it mirrors
 * into them. Since 1.3: per-archive summaries ({@link org.archivist.api.service.ArchiveSummary}).
 */
@Export
@Version("1.3.0")
package org.archivist.api.service;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

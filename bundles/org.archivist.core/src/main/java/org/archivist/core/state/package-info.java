/**
 * Per-community archive state, crash-safe: {@link org.archivist.core.state.CommunityStateStore} keeps one
 * small file per community (written to a temporary file, forced, atomically renamed) holding a
 * {@link org.archivist.core.state.CommunityState}: the end of the last archived range, per link kind the
 * clock and the last link seen ({@link org.archivist.core.state.LinkState}), the archive ids in the order
 * they became known with their imported flag, and free extension entries (for the migration journal).
 */
@Export
@Version("1.0.0")
package org.archivist.core.state;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * Crash-safe file writing shared by the engine, the backends and the scheduler: {@link
 * org.archivist.core.io.AtomicFiles} replaces a file so that a crash at any point leaves the old or the
 * new content, never a mix, with the Status permissions (directories 0700, data files 0644). Since 1.2,
 * {@link org.archivist.core.io.BufferedBlobOutput}: a stream whose buffer an encoder fills directly.
 */
@Export
@Version("1.2.0")
package org.archivist.core.io;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * Crash-safe file writing shared by the engine, the backends and the scheduler: {@link
 * org.archivist.core.io.AtomicFiles} replaces a file so that a crash at any point leaves the old or the
 * new content, never a mix, with the Status permissions (directories 0700, data files 0644).
 */
@Export
@Version("1.1.0")
package org.archivist.core.io;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

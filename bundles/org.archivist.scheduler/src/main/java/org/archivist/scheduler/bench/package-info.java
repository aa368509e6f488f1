/**
 * A plain-Java entry point to the scheduler's production import path, for the tool's {@code bench-import}
 * and for tests outside OSGi: {@link org.archivist.scheduler.bench.ImportBench}.
 */
@Export
@Version("1.0.0")
package org.archivist.scheduler.bench;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

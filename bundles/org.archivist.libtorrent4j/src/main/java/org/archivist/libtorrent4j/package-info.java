/**
 * Loads libtorrent4j's native library once per class loader of this bundle, from a private copy, so that
 * bundle refreshes and feature redeploys never meet the JVM's "already loaded in another classloader".
 */
@Export
@Version("1.0.0")
package org.archivist.libtorrent4j;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * Building a Codex {@link org.archivist.api.content.BlobStore} in plain Java, outside OSGi (the tool, demos, other
 * bundles' tests): {@code CodexBlobStores.connect(config, dir)}. In OSGi it is a Declarative Services component
 * reading the Codex backend's configuration.
 */
@Export
@Version("1.1.0")
package org.archivist.storage.codex.content;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

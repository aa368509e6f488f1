/**
 * Building the file service in plain Java, outside OSGi (the tool, demos, tests):
 * {@code FileServices.builder(dir).store("codex", store).start()}. In OSGi it is a Declarative Services component
 * (PID {@code org.archivist.content}) binding every registered {@link org.archivist.api.content.BlobStore}.
 */
@Export
@Version("1.2.0")
package org.archivist.content;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

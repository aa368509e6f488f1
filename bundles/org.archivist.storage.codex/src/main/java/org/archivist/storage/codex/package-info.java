/**
 * Building a Codex backend in plain Java, outside OSGi (tools, demos, other bundles' tests):
 * {@code CodexBackends.connect(apiUri, stateDir)}. In OSGi the backend is a Declarative Services component
 * configured through Configuration Admin instead.
 */
@Export
@Version("1.2.0")
package org.archivist.storage.codex;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

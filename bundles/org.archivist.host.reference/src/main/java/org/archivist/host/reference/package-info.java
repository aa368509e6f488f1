/**
 * Building a whole reference host in plain Java, outside OSGi (tools, demos, other bundles' tests):
 * {@code ReferenceNode.loopback(dir, name, peers)} gives the host SPIs as {@code org.archivist.api.host}
 * types, plus the few reference-only operations a demo or test needs (seed messages, declare communities,
 * count what was imported). {@code InProcessNetwork} puts nodes of one JVM on a shared in-process channel (tests
 * on virtual time). In OSGi the host is a set of Declarative Services components instead.
 */
@Export
@Version("1.2.0")
package org.archivist.host.reference;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

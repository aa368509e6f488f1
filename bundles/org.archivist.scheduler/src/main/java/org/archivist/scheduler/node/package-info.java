/**
 * Building an Archivist node's scheduler in plain Java, outside OSGi (tools, demos, tests):
 * {@code SchedulerNode.builder(store, directory, channel, importer).backend("bittorrent", b).start()} gives an
 * {@link org.archivist.api.service.ArchiveService} that archives, announces, downloads and imports. In OSGi
 * the same parts are wired by Declarative Services and Configuration Admin instead. Since 1.3: the node-wide storage
 * limit's release policy, its {@link org.archivist.api.service.NodeStorage} and the holders it counts.
 */
@Export
@Version("1.3.0")
package org.archivist.scheduler.node;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

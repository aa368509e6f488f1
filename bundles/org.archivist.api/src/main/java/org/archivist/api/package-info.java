/**
 * Archivist's value types and exceptions, shared by every bundle: community ids, content topics,
 * time ranges, archived messages, archive metadata and index entries.
 */
@Export
@Version("2.0.0")
package org.archivist.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/** Java classes generated at build time from the Status-compatible .proto files of this module. */
@Export
@Version("2.0.0")
package org.archivist.proto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * The host SPI: implemented by the chat server (and by the reference host).
 */
@Export
@Version("2.1.0")
package org.archivist.api.host;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

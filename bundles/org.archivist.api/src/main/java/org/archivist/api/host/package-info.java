/**
 * The host SPI: implemented by the chat server (and by the reference host). Since 2.2: a cipher may encrypt a
 * blob as a stream ({@link org.archivist.api.host.ArchiveCipher#encryptStreaming}); since 2.3 decrypt one as a
 * stream, authenticated before any plaintext is released ({@link org.archivist.api.host.ArchiveCipher#decryptStreaming}).
 */
@Export
@Version("2.3.0")
package org.archivist.api.host;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

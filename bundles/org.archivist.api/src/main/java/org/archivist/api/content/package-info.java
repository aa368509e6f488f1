/**
 * Content beyond archives on the same storage: files (attachments up to 50 MB) and community descriptions.
 * {@link org.archivist.api.content.BlobStore} is the SPI a storage backend registers beside its
 * {@link org.archivist.api.storage.StorageBackend}, under the same {@code storage.type}; {@link
 * org.archivist.api.content.FileService} is what a chat server calls from its send and receive paths.
 */
@Export
@Version("1.1.0")
package org.archivist.api.content;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * A client for a Codex (Logos Storage) node's REST API: {@code CodexClient.create(uri)}, then
 * {@code upload(path)} and {@code download(cid, target)}, streaming, verified, with timeouts and retries.
 */
@Export
@Version("1.1.0")
package org.archivist.storage.codex.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

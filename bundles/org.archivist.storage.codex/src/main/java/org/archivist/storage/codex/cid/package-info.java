/**
 * Codex content identifiers, computed exactly as a Codex (Logos Storage) node computes them: 64 KiB
 * zero-padded blocks, SHA-256 leaves, the keyed Merkle tree, the manifest protobuf, CIDv1 in base58btc.
 */
@Export
@Version("1.0.0")
package org.archivist.storage.codex.cid;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

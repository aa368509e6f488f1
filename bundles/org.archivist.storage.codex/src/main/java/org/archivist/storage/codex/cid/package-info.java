/**
 * Codex content identifiers, computed exactly as a Codex (Logos Storage) node computes them: zero-padded
 * blocks (64 KiB unless told), SHA-256 leaves, the keyed Merkle tree, the manifest protobuf of either node
 * line ({@link org.archivist.storage.codex.cid.CodexLine}), CIDv1 in base58btc; and the line-independent
 * {@link org.archivist.storage.codex.cid.ContentKey}.
 */
@Export
@Version("1.1.0")
package org.archivist.storage.codex.cid;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * The Status-compatible archive format, byte for byte (spec sections 1-4). Which class for what:
 * <ul>
 * <li>{@link org.archivist.core.format.ArchiveCodec}: a list of messages to and from one archive blob
 *     ({@code WakuMessageArchive}); {@link org.archivist.core.format.ArchiveStreamDecoder} reads one from a stream,
 *     message by message (since 2.3);</li>
 * <li>{@link org.archivist.core.format.IndexCodec}: index entries to and from the index file, BitTorrent
 *     ({@code PieceRange} locations) or Codex ({@code ContentAddress} locations), with layout checks;</li>
 * <li>{@link org.archivist.core.format.ArchiveIds}: the archive id ({@code 0x} + keccak256 of the encoded
 *     index metadata); {@link org.archivist.core.format.Keccak256} the hash itself;</li>
 * <li>{@link org.archivist.core.format.PieceLayout}: the 102400-byte piece length and the padding rule;</li>
 * <li>{@link org.archivist.core.format.ArchiveEnvelope}: seal and unseal blobs and indexes of encrypted
 *     communities (the hash-ratchet {@code ProtocolMessage}), recognised by structure;
 *     {@link org.archivist.core.format.SealedBlobWriter} seals a blob as a stream (since 2.2),
 *     {@link org.archivist.core.format.SealedBlobReader} unseals one in a file as a stream (since 2.3);</li>
 * <li>{@link org.archivist.core.format.DecodeLimits}: the size limits applied to untrusted bytes.</li>
 * </ul>
 * Every reader takes untrusted bytes and throws a subclass of
 * {@link org.archivist.api.InvalidArchiveException} naming the problem.
 */
@Export
@Version("2.3.0")
package org.archivist.core.format;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

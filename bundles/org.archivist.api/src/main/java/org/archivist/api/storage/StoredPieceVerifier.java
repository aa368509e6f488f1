package org.archivist.api.storage;

import java.util.List;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.CommunityId;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Optional ability of a backend that keeps archives on this node's disk together with its own hashes of their
 * pieces (BitTorrent: the SHA-1 of each piece in the stored torrent): check an archive it holds against those
 * hashes, offline, so that a changed byte in the stored copy is found even where the archive still decodes.
 * {@code ArchiveService.verifyArchives} runs it and reports it as {@code ArchiveSummary.Check.PIECE_HASHES}.
 *
 * @since 2.2
 */
@ConsumerType
public interface StoredPieceVerifier {

    /**
     * Hashes again the pieces the archive at {@code location} occupies in the stored copy and compares them with
     * the hashes the backend recorded for them.
     *
     * @return the numbers of the pieces whose stored bytes no longer hash to the recorded value, ascending; empty
     *         when every piece of the archive matches
     * @throws StorageException when the archive cannot be checked: the location is not one of this backend's, the
     *                          community has no stored copy or no recorded hashes covering it (retryable when they may
     *                          cover it later, as after a commit whose torrent is not written yet), or the copy
     *                          cannot be read
     */
    List<Integer> mismatchedPieces(CommunityId community, ArchiveLocation location) throws StorageException;
}

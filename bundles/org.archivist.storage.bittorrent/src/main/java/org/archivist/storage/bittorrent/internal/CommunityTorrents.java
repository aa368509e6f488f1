package org.archivist.storage.bittorrent.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.archivist.api.CommunityId;
import org.archivist.api.storage.StorageException;
import org.archivist.core.io.AtomicFiles;
import org.archivist.storage.bittorrent.internal.metainfo.BencodeException;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.archivist.storage.bittorrent.internal.metainfo.TorrentBuilder;

/**
 * The {@code <torrentDir>/<community>.torrent} files: built from the community's directory, written
 * atomically, and rebuilt when they no longer describe the files (a crash between the index commit and the
 * torrent write).
 */
final class CommunityTorrents {
    private final BitTorrentSettings settings;
    private final Clock clock;

    CommunityTorrents(BitTorrentSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    Path torrentFile(CommunityId community) {
        return settings.torrentDir().resolve(community.hex() + ".torrent");
    }

    Path communityDir(CommunityId community) {
        return settings.dataDir().resolve(community.hex());
    }

    /** Hashes the community's files and writes its torrent. */
    Metainfo rebuild(CommunityId community) throws StorageException {
        return rebuild(community, Optional.empty());
    }

    /**
     * Writes the community's torrent after a commit, hashing only the pieces not known already: those of the
     * archives committed before, when the stored torrent describes exactly them (its data file ends where the
     * session's appends began; the data is append-only), and those {@code appended} hashed during the session.
     */
    Metainfo rebuild(CommunityId community, Optional<AppendedPieceHashes.Pieces> appended) throws StorageException {
        Path dir = communityDir(community);
        Metainfo torrent;
        try {
            torrent = new TorrentBuilder(Metainfo.STATUS_PIECE_LENGTH, settings.trackers(), settings.createdBy())
                    .build(dir, clock.instant().getEpochSecond(), knownDataPieces(community, appended));
        } catch (NoSuchFileException e) {
            throw new StorageException("community " + community + " has no committed archives under " + dir, false, e);
        } catch (IOException e) {
            throw new StorageException("cannot hash " + dir + " into a torrent: " + e.getMessage(), true, e);
        }
        Path file = torrentFile(community);
        try {
            AtomicFiles.write(file, torrent.bytes());
        } catch (IOException e) {
            throw new StorageException("cannot write " + file + " (" + e.getMessage() + "); the index is committed,"
                    + " the torrent will be rebuilt on the next publish or seed", false, e);
        }
        return torrent;
    }

    private List<byte[]> knownDataPieces(CommunityId community, Optional<AppendedPieceHashes.Pieces> appended)
            throws StorageException {
        if (appended.isEmpty()) {
            return List.of();
        }
        int before = appended.get().firstPiece();
        List<byte[]> known = new ArrayList<>(before + appended.get().hashes().size());
        if (before > 0) {
            Optional<Metainfo> previous = stored(community);
            if (previous.isEmpty() || !previous.get().name().equals(community.hex())
                    || previous.get().pieceLength() != Metainfo.STATUS_PIECE_LENGTH
                    || previous.get().file(Metainfo.DATA_FILE).map(f -> f.length()).orElse(-1L)
                            != (long) before * Metainfo.STATUS_PIECE_LENGTH
                    || previous.get().fileOffset(Metainfo.DATA_FILE).orElse(-1L) != 0) {
                return List.of(); // not the torrent of the committed archives: hash everything
            }
            for (int piece = 0; piece < before; piece++) {
                known.add(previous.get().pieceHash(piece));
            }
        }
        known.addAll(appended.get().hashes());
        return known;
    }

    /** The stored torrent, if there is one. */
    Optional<Metainfo> stored(CommunityId community) throws StorageException {
        Path file = torrentFile(community);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Metainfo.parse(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new StorageException("cannot read " + file + ": " + e.getMessage(), true, e);
        } catch (BencodeException e) {
            return Optional.empty(); // unreadable: treated as missing, rebuilt from the files
        }
    }

    /**
     * The torrent describing the community's files as they are now: the stored one if its file lengths and
     * index pieces still match, otherwise a rebuilt one. Empty when the community has no committed set.
     */
    Optional<Metainfo> current(CommunityId community) throws StorageException {
        Path dir = communityDir(community);
        Path data = dir.resolve(Metainfo.DATA_FILE);
        Path index = dir.resolve(Metainfo.INDEX_FILE);
        if (!Files.exists(index) || !Files.exists(data)) {
            return Optional.empty();
        }
        Optional<Metainfo> stored = stored(community);
        if (stored.isPresent() && describes(stored.get(), community, data, index)) {
            return stored;
        }
        return Optional.of(rebuild(community));
    }

    private boolean describes(Metainfo torrent, CommunityId community, Path data, Path index) throws StorageException {
        try {
            if (!torrent.name().equals(community.hex()) || torrent.pieceLength() != Metainfo.STATUS_PIECE_LENGTH
                    || torrent.file(Metainfo.DATA_FILE).map(f -> f.length()).orElse(-1L) != Files.size(data)
                    || torrent.file(Metainfo.INDEX_FILE).map(f -> f.length()).orElse(-1L) != Files.size(index)
                    || torrent.files().size() != 2) {
                return false;
            }
            // the index is rewritten on every run: check its pieces (it is small), trust the append-only data
            long indexAt = torrent.fileOffset(Metainfo.INDEX_FILE).orElseThrow();
            Metainfo.PieceSpan span = torrent.piecesOf(indexAt, Files.size(index));
            return indexAt % torrent.pieceLength() == 0 && PieceCheck.matches(torrent, span, index);
        } catch (IOException e) {
            throw new StorageException("cannot check " + torrentFile(community) + " against " + dir(community)
                    + ": " + e.getMessage(), true, e);
        }
    }

    private Path dir(CommunityId community) {
        return communityDir(community);
    }
}

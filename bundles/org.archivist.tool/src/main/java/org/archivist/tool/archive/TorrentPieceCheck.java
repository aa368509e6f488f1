package org.archivist.tool.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.archivist.storage.bittorrent.InvalidTorrentException;
import org.archivist.storage.bittorrent.StatusTorrent;
import org.archivist.storage.bittorrent.TorrentFile;

/**
 * Checks a community directory against the piece hashes of its {@code <community>.torrent}: the only
 * integrity check that sees a flipped byte inside a message payload (the Status format has no checksum).
 * {@link #all} checks {@code data || index} whole; {@link #dataPrefix} checks only the pieces of the data
 * the torrent already published (the data is append-only and piece-aligned, so they must still match after
 * later runs appended more).
 */
public final class TorrentPieceCheck {
    static final long MAX_TORRENT_BYTES = 64L << 20;

    private final StatusTorrent torrent;
    private final Path file;

    private TorrentPieceCheck(StatusTorrent torrent, Path file) {
        this.torrent = torrent;
        this.file = file;
    }

    /** The torrent of {@code communityDir} if one is found: in {@code torrentDir}, else next to the data dir. */
    public static Optional<TorrentPieceCheck> find(Path communityDir, Optional<Path> torrentDir) throws IOException {
        String name = communityDir.getFileName() + ".torrent";
        List<Path> candidates = new ArrayList<>();
        torrentDir.ifPresent(d -> candidates.add(d.resolve(name)));
        Path dataDir = communityDir.toAbsolutePath().getParent();
        if (dataDir != null) {
            candidates.add(dataDir.resolve(name));
            if (dataDir.getParent() != null) {
                candidates.add(dataDir.getParent().resolve("torrents").resolve(name)); // status-go's layout
            }
        }
        for (Path c : candidates) {
            if (Files.exists(c)) {
                return Optional.of(load(c));
            }
        }
        return Optional.empty();
    }

    static TorrentPieceCheck load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a regular file");
        }
        if (Files.size(file) > MAX_TORRENT_BYTES) {
            throw new IOException(file + " has " + Files.size(file) + " bytes, over the limit of " + MAX_TORRENT_BYTES);
        }
        try {
            return new TorrentPieceCheck(StatusTorrent.parse(Files.readAllBytes(file)), file);
        } catch (InvalidTorrentException | RuntimeException e) {
            throw new IOException(file + " is not a valid torrent: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public int pieceCount() {
        return torrent.pieceCount();
    }

    /** Verifies {@code data || index} against every piece; returns the problems (empty when it verifies). */
    public List<String> all(Path communityDir) throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (TorrentFile f : torrent.files()) {
            Path p = communityDir.resolve(f.path());
            long actual = Files.isRegularFile(p) ? Files.size(p) : -1;
            if (actual != f.length()) {
                problems.add(f.path() + " has " + actual + " bytes, the torrent says " + f.length());
            }
            files.add(p);
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        return compare(files, torrent.pieceCount(), problems);
    }

    /** Verifies the data pieces the torrent published (whole pieces inside its data file) against today's data. */
    public List<String> dataPrefix(Path communityDir) throws IOException {
        List<String> problems = new ArrayList<>();
        long published = torrent.fileLength(StatusTorrent.DATA_FILE).orElse(0L);
        Path data = communityDir.resolve(StatusTorrent.DATA_FILE);
        long actual = Files.isRegularFile(data) ? Files.size(data) : 0;
        if (actual < published) {
            problems.add("data has " + actual + " bytes but the published torrent already had " + published);
            return problems;
        }
        if (torrent.fileOffset(StatusTorrent.DATA_FILE).orElse(0L) != 0) {
            problems.add("the torrent's first file is not data");
            return problems;
        }
        return compare(List.of(data), (int) (published / torrent.pieceLength()), problems);
    }

    private List<String> compare(List<Path> files, int pieces, List<String> problems) throws IOException {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] piece = new byte[torrent.pieceLength()];
        int bad = 0;
        try (InputStream in = new java.io.SequenceInputStream(java.util.Collections.enumeration(open(files)))) {
            for (int i = 0; i < pieces; i++) {
                int n = in.readNBytes(piece, 0, piece.length);
                sha1.update(piece, 0, n);
                if (!Arrays.equals(sha1.digest(), torrent.pieceHash(i))) {
                    if (++bad <= 5) {
                        problems.add("piece " + i + " (bytes " + (long) i * piece.length + " to "
                                + ((long) i * piece.length + n) + ") does not match its hash");
                    }
                }
            }
        }
        if (bad > 5) {
            problems.add((bad - 5) + " more pieces do not match");
        }
        return problems;
    }

    private static List<InputStream> open(List<Path> files) throws IOException {
        List<InputStream> streams = new ArrayList<>();
        for (Path p : files) {
            streams.add(new java.io.BufferedInputStream(Files.newInputStream(p), 1 << 16));
        }
        return streams;
    }
}

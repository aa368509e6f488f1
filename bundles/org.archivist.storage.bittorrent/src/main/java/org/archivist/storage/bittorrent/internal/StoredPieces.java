package org.archivist.storage.bittorrent.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.archivist.storage.bittorrent.internal.metainfo.TorrentFileEntry;

/**
 * The pieces an archive occupies in a community's stored files, hashed again and compared with a torrent's
 * SHA-1 hashes. The torrent's stream is its files in order; an archive's pieces lie in the {@code data} file
 * (status-go pads every archive to the piece length), and a piece reaching past a file's end is read on from the
 * next file, as the torrent hashed it.
 */
final class StoredPieces {
    private final Metainfo torrent;
    private final Path communityDir;

    /** @param communityDir the directory holding the torrent's files ({@code data}, {@code index}) */
    StoredPieces(Metainfo torrent, Path communityDir) {
        this.torrent = torrent;
        this.communityDir = communityDir;
    }

    /** Whether the torrent's {@code data} file reaches the archive's end (a torrent older than it does not). */
    boolean covers(PieceRange range) {
        return torrent.file(Metainfo.DATA_FILE).map(f -> range.end() <= f.length()).orElse(false);
    }

    /** The pieces of {@code range} (bytes of the data file) whose stored bytes do not hash as the torrent says. */
    List<Integer> mismatched(PieceRange range) throws IOException {
        long dataAt = torrent.fileOffset(Metainfo.DATA_FILE).orElseThrow(
                () -> new IllegalStateException("the torrent has no " + Metainfo.DATA_FILE + " file"));
        Metainfo.PieceSpan span = torrent.piecesOf(dataAt + range.offset(), range.size());
        MessageDigest sha1 = sha1();
        ByteBuffer piece = ByteBuffer.allocate(torrent.pieceLength());
        List<Integer> bad = new ArrayList<>();
        for (int p = span.first(); p < span.end(); p++) {
            long from = (long) p * torrent.pieceLength();
            int length = (int) Math.min(torrent.pieceLength(), torrent.totalLength() - from);
            piece.clear().limit(length);
            read(from, piece);
            piece.flip();
            sha1.update(piece);
            if (!Arrays.equals(sha1.digest(), torrent.pieceHash(p))) {
                bad.add(p);
            }
        }
        return bad;
    }

    /** Fills {@code into} with the torrent stream's bytes from {@code position} (a file shorter than the torrent says
     * leaves bytes unread: its pieces do not match). */
    private void read(long position, ByteBuffer into) throws IOException {
        long fileStart = 0;
        for (TorrentFileEntry file : torrent.files()) {
            long fileEnd = fileStart + file.length();
            if (into.hasRemaining() && position < fileEnd && position + into.remaining() > fileStart) {
                Path path = communityDir.resolve(String.join("/", file.path()));
                try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                    long at = Math.max(0, position - fileStart);
                    int want = (int) Math.min(into.remaining(), file.length() - at);
                    int limit = into.limit();
                    into.limit(into.position() + want);
                    while (into.hasRemaining()) {
                        int n = ch.read(into, at);
                        if (n < 0) {
                            break;
                        }
                        at += n;
                    }
                    into.position(into.limit()).limit(limit);
                }
                position = fileEnd;
            }
            fileStart = fileEnd;
        }
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}

package org.archivist.storage.bittorrent.internal.metainfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a community's torrent from its directory the way status-go does
 * ({@code Info.BuildFromFilePath(DataDir/<cid>)} in anacrolix/torrent): name = the directory's name, files
 * {@code data} and {@code index} (sorted by path), piece length 102400, SHA-1 of each piece of
 * {@code data || index}. The files are streamed through one piece-sized buffer, never loaded whole.
 */
public final class TorrentBuilder {
    private final int pieceLength;
    private final List<String> trackers;
    private final String createdBy;

    public TorrentBuilder(int pieceLength, List<String> trackers, String createdBy) {
        if (pieceLength <= 0) {
            throw new IllegalArgumentException("piece length must be positive: " + pieceLength);
        }
        this.pieceLength = pieceLength;
        this.trackers = List.copyOf(trackers);
        this.createdBy = createdBy;
    }

    /** The Status defaults: piece length 102400 and the two status-go trackers. */
    public static TorrentBuilder status(String createdBy) {
        return new TorrentBuilder(Metainfo.STATUS_PIECE_LENGTH, Metainfo.STATUS_TRACKERS, createdBy);
    }

    /**
     * Hashes {@code <communityDir>/data} and {@code <communityDir>/index}.
     *
     * @param creationDate Unix seconds for {@code creation date}
     */
    public Metainfo build(Path communityDir, long creationDate) throws IOException {
        Path dir = communityDir.toAbsolutePath().normalize();
        List<Path> paths = List.of(dir.resolve(Metainfo.DATA_FILE), dir.resolve(Metainfo.INDEX_FILE));
        List<TorrentFileEntry> files = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.isRegularFile(p)) {
                throw new NoSuchFileException(p.toString(), null,
                        "a community directory needs the files 'data' and 'index'");
            }
            files.add(new TorrentFileEntry(List.of(p.getFileName().toString()), Files.size(p)));
        }
        byte[] pieces = hashPieces(paths, files);
        return Metainfo.create(dir.getFileName().toString(), pieceLength, files, pieces, trackers, createdBy,
                creationDate);
    }

    private byte[] hashPieces(List<Path> paths, List<TorrentFileEntry> files) throws IOException {
        long total = files.stream().mapToLong(TorrentFileEntry::length).sum();
        int count = (int) ((total + pieceLength - 1) / pieceLength);
        byte[] pieces = new byte[count * 20];
        MessageDigest sha1 = sha1();
        ByteBuffer buffer = ByteBuffer.allocate(pieceLength);
        int piece = 0;
        for (int i = 0; i < paths.size(); i++) {
            long remaining = files.get(i).length();
            try (FileChannel channel = FileChannel.open(paths.get(i), StandardOpenOption.READ)) {
                while (remaining > 0) {
                    int want = (int) Math.min(buffer.remaining(), remaining);
                    buffer.limit(buffer.position() + want);
                    int read = channel.read(buffer);
                    if (read < 0) {
                        throw new IOException(paths.get(i) + " shrank while it was being hashed");
                    }
                    remaining -= read;
                    buffer.limit(buffer.capacity());
                    if (!buffer.hasRemaining()) {
                        piece = digest(sha1, buffer, pieces, piece);
                    }
                }
            }
        }
        if (buffer.position() > 0) {
            piece = digest(sha1, buffer, pieces, piece);
        }
        if (piece != count) {
            throw new IOException("hashed " + piece + " pieces, expected " + count + ": the files changed meanwhile");
        }
        return pieces;
    }

    private static int digest(MessageDigest sha1, ByteBuffer buffer, byte[] pieces, int piece) {
        buffer.flip();
        sha1.update(buffer);
        System.arraycopy(sha1.digest(), 0, pieces, piece * 20, 20);
        buffer.clear();
        return piece + 1;
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}

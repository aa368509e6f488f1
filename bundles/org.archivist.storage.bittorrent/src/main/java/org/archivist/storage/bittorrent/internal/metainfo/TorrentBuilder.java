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
        return build(communityDir, creationDate, List.of());
    }

    /**
     * As {@link #build(Path, long)}, with the SHA-1s of the first pieces of {@code data} already known (the
     * previous torrent's for the committed archives, and those hashed while the new ones were appended): only
     * the pieces after them are read and hashed. The known pieces must lie wholly inside the data file.
     *
     * @throws IllegalArgumentException when the known pieces reach past the data file
     */
    public Metainfo build(Path communityDir, long creationDate, List<byte[]> knownDataPieces) throws IOException {
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
        if ((long) knownDataPieces.size() * pieceLength > files.get(0).length()) {
            throw new IllegalArgumentException(knownDataPieces.size() + " known pieces reach past the " + files.get(0)
                    .length() + "-byte data file");
        }
        byte[] pieces = hashPieces(paths, files, knownDataPieces);
        return Metainfo.create(dir.getFileName().toString(), pieceLength, files, pieces, trackers, createdBy,
                creationDate);
    }

    private byte[] hashPieces(List<Path> paths, List<TorrentFileEntry> files, List<byte[]> known) throws IOException {
        long total = files.stream().mapToLong(TorrentFileEntry::length).sum();
        int count = (int) ((total + pieceLength - 1) / pieceLength);
        byte[] pieces = new byte[count * 20];
        int piece = 0;
        for (byte[] hash : known) {
            if (hash.length != 20) {
                throw new IllegalArgumentException("a SHA-1 has 20 bytes, not " + hash.length);
            }
            System.arraycopy(hash, 0, pieces, piece++ * 20, 20);
        }
        MessageDigest sha1 = sha1();
        ByteBuffer buffer = ByteBuffer.allocate(pieceLength);
        for (int i = 0; i < paths.size(); i++) {
            long skip = i == 0 ? (long) known.size() * pieceLength : 0;
            long remaining = files.get(i).length() - skip;
            try (FileChannel channel = FileChannel.open(paths.get(i), StandardOpenOption.READ).position(skip)) {
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

    /** The SHA-1 of each whole piece of {@code channel}'s {@code [offset, offset + length)} (whole pieces only). */
    public static List<byte[]> hashWholePieces(FileChannel channel, long offset, long length, int pieceLength)
            throws IOException {
        if (length % pieceLength != 0) {
            throw new IllegalArgumentException(length + " bytes are not whole pieces of " + pieceLength);
        }
        MessageDigest sha1 = sha1();
        ByteBuffer buffer = ByteBuffer.allocateDirect(pieceLength);
        List<byte[]> hashes = new ArrayList<>((int) (length / pieceLength));
        for (long at = offset; at < offset + length; at += pieceLength) {
            buffer.clear();
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, at + buffer.position()) < 0) {
                    throw new IOException("the data file ends before byte " + (offset + length));
                }
            }
            buffer.flip();
            sha1.update(buffer);
            hashes.add(sha1.digest());
        }
        return hashes;
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

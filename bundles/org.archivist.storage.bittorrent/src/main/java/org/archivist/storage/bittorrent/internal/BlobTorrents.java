package org.archivist.storage.bittorrent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import org.archivist.api.content.TransferProgress;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.archivist.storage.bittorrent.internal.metainfo.TorrentFileEntry;

/**
 * The torrent of one blob, built with fixed parameters so that its infohash is a pure function of the bytes:
 * name {@value #NAME}, one file {@value #FILE}, piece length {@value #PIECE_LENGTH}, no trackers; the outer
 * dict's {@code created by} and {@code creation date} are fixed too (they are outside the info dict anyway).
 * Where its bytes are on disk depends on the engine ({@link BlobLayout}).
 */
final class BlobTorrents {
    static final String NAME = "archivist-blob";
    static final String FILE = "content";
    static final int PIECE_LENGTH = 256 * 1024;

    private BlobTorrents() {
    }

    /** Hashes the file piece by piece (streamed), reporting bytes read. */
    static Metainfo build(Path file, TransferProgress progress) throws IOException {
        long length = Files.size(file);
        if (length == 0) {
            throw new IllegalArgumentException("an empty file cannot be a torrent: " + file);
        }
        int count = (int) ((length + PIECE_LENGTH - 1) / PIECE_LENGTH);
        byte[] pieces = new byte[count * 20];
        MessageDigest sha1 = sha1();
        byte[] buffer = new byte[PIECE_LENGTH];
        long done = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int piece = 0; piece < count; piece++) {
                int want = (int) Math.min(PIECE_LENGTH, length - done);
                int got = in.readNBytes(buffer, 0, want);
                if (got != want) {
                    throw new IOException(file + " shrank while it was being hashed");
                }
                sha1.update(buffer, 0, got);
                System.arraycopy(sha1.digest(), 0, pieces, piece * 20, 20);
                done += got;
                progress.bytes(done, length);
            }
            if (in.read() >= 0) {
                throw new IOException(file + " grew while it was being hashed");
            }
        }
        return Metainfo.create(NAME, PIECE_LENGTH, List.of(new TorrentFileEntry(List.of(FILE), length)), pieces,
                List.of(), "archivist", 0);
    }

    /** Whether a torrent has the blob layout (what a member accepts from the metadata its peers send). */
    static boolean isBlob(Metainfo info) {
        return info.name().equals(NAME) && info.files().size() == 1
                && info.files().get(0).path().equals(List.of(FILE)) && info.pieceLength() == PIECE_LENGTH;
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}

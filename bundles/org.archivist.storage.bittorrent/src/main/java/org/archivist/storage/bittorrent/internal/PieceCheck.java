package org.archivist.storage.bittorrent.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;

/** Checks pieces of a file that starts on a piece boundary against a torrent's SHA-1 hashes. */
final class PieceCheck {
    private PieceCheck() {
    }

    static boolean matches(Metainfo torrent, Metainfo.PieceSpan span, Path file) throws IOException {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
        ByteBuffer buffer = ByteBuffer.allocate(torrent.pieceLength());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int piece = span.first(); piece < span.end(); piece++) {
                buffer.clear();
                while (buffer.hasRemaining() && ch.read(buffer) > 0) {
                    // fill one piece (the last may be short)
                }
                buffer.flip();
                sha1.update(buffer);
                if (!Arrays.equals(sha1.digest(), torrent.pieceHash(piece))) {
                    return false;
                }
            }
        }
        return true;
    }
}

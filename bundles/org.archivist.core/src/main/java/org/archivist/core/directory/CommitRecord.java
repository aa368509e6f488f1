package org.archivist.core.directory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import org.archivist.core.io.AtomicFiles;

/**
 * What the last commit of a community directory wrote, in {@value #FILE} next to {@code data} and
 * {@code index} (which stay byte-identical to status-go's): the committed data length and the SHA-256 of
 * the committed index. It is replaced atomically right after the index, so a crash between the two leaves
 * an index newer than the record (recognisable by its digest), never a record ahead of its index.
 */
record CommitRecord(long dataLength, String indexSha256) {
    static final String FILE = ".archivist-commit";
    static final String TEMP = ".archivist-commit.tmp";
    private static final String MAGIC = "archivist-commit 1";
    private static final int MAX_BYTES = 1024;

    CommitRecord {
        if (dataLength < 0) {
            throw new IllegalArgumentException("negative data length " + dataLength);
        }
    }

    static CommitRecord of(long dataLength, byte[] index) {
        return new CommitRecord(dataLength, sha256(index));
    }

    boolean describes(byte[] index) {
        return indexSha256.equals(sha256(index));
    }

    /** The record in {@code dir}, empty when there is none (a directory written before records, or by status-go). */
    static Optional<CommitRecord> read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a regular file");
        }
        byte[] bytes;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() > MAX_BYTES) {
                throw new IOException(file + " is not a commit record (not a small regular file)");
            }
            bytes = new byte[(int) ch.size()];
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining() && ch.read(buffer) >= 0) {
                // fill
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
        try {
            if (lines.length < 3 || !lines[0].equals(MAGIC) || !lines[1].startsWith("data-length ")
                    || !lines[2].startsWith("index-sha256 ")) {
                throw new IllegalArgumentException("unexpected content");
            }
            String digest = lines[2].substring("index-sha256 ".length());
            HexFormat.of().parseHex(digest);
            if (digest.length() != 64) {
                throw new IllegalArgumentException("digest of " + digest.length() + " hex digits");
            }
            return Optional.of(new CommitRecord(Long.parseLong(lines[1].substring("data-length ".length())), digest));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not a valid commit record (" + e.getMessage() + ")", e);
        }
    }

    void write(Path dir) throws IOException {
        String text = MAGIC + "\ndata-length " + dataLength + "\nindex-sha256 " + indexSha256 + "\n";
        AtomicFiles.writeAtomically(dir.resolve(FILE), dir.resolve(TEMP), text.getBytes(StandardCharsets.UTF_8),
                AtomicFiles.PRIVATE_FILE);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}

package org.archivist.codex.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;


/**
 * The node's repository on disk: one file per block (data blocks padded to 64 KiB, manifests as encoded),
 * named by CID, whose modification time is the block's expiry; plus each tree's leaf digests. Quota counts
 * every stored block's bytes, as the node does.
 */
final class BlockRepo {
    private final Path blocks;
    private final Path trees;
    private final Path unadvertised;
    private final Clock clock;
    private final Duration ttl;
    private final long quotaMax;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong count = new AtomicLong();
    private final ManifestFormat format;

    BlockRepo(Path dataDir, ManifestFormat format, Clock clock, Duration ttl, long quotaMax) throws IOException {
        this.format = format;
        this.blocks = Files.createDirectories(dataDir.resolve("blocks"));
        this.trees = Files.createDirectories(dataDir.resolve("trees"));
        this.unadvertised = Files.createDirectories(dataDir.resolve("unadvertised"));
        this.clock = clock;
        this.ttl = ttl;
        this.quotaMax = quotaMax;
        try (Stream<Path> files = Files.list(blocks)) {
            files.filter(p -> !p.getFileName().toString().endsWith(".tmp")).forEach(p -> {
                used.addAndGet(sizeOf(p));
                count.incrementAndGet();
            });
        }
    }

    long quotaMax() {
        return quotaMax;
    }

    long usedBytes() {
        return used.get();
    }

    long totalBlocks() {
        return count.get();
    }

    private Path blockPath(NodeCid cid) {
        return blocks.resolve(cid.toString());
    }

    boolean has(NodeCid cid) {
        return Files.exists(blockPath(cid));
    }

    /** Stores a block (or extends its expiry when present); fails with the node's message past the quota. */
    synchronized void put(NodeCid cid, byte[] data, int length) throws IOException {
        Path path = blockPath(cid);
        FileTime expiry = FileTime.fromMillis(clock.millis() + ttl.toMillis());
        if (Files.exists(path)) {
            if (Files.getLastModifiedTime(path).compareTo(expiry) < 0) {
                Files.setLastModifiedTime(path, expiry);
            }
            return;
        }
        if (used.get() + length > quotaMax) {
            throw new IOException("Unable to store block " + cid);
        }
        Path tmp = blocks.resolve(cid + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(data, 0, length);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
        }
        Files.setLastModifiedTime(tmp, expiry);
        move(tmp, path);
        used.addAndGet(length);
        count.incrementAndGet();
    }

    Optional<byte[]> read(NodeCid cid) {
        try {
            return Optional.of(Files.readAllBytes(blockPath(cid)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized boolean delete(NodeCid cid) throws IOException {
        Path path = blockPath(cid);
        long size = sizeOf(path);
        Files.deleteIfExists(unadvertised.resolve(cid.toString()));
        if (Files.deleteIfExists(path)) {
            used.addAndGet(-size);
            count.decrementAndGet();
            return true;
        }
        return false;
    }

    Optional<NodeManifest> manifest(NodeCid cid) {
        if (!cid.isManifest()) {
            return Optional.empty();
        }
        try {
            return read(cid).map(format::decode);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    ManifestFormat format() {
        return format;
    }

    /** Every manifest stored, with its CID. */
    List<NodeCid> manifests() throws IOException {
        List<NodeCid> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(blocks)) {
            files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".tmp")).sorted().forEach(n -> {
                NodeCid cid = NodeCid.parse(n);
                if (cid.isManifest()) {
                    out.add(cid);
                }
            });
        }
        return out;
    }

    void putTree(NodeCid treeCid, List<byte[]> leaves) throws IOException {
        Path path = trees.resolve(treeCid.toString());
        if (Files.exists(path)) {
            return;
        }
        byte[] all = new byte[leaves.size() * 32];
        for (int i = 0; i < leaves.size(); i++) {
            System.arraycopy(leaves.get(i), 0, all, i * 32, 32);
        }
        Path tmp = trees.resolve(treeCid + "." + Thread.currentThread().getId() + ".tmp");
        Files.write(tmp, all);
        move(tmp, path);
    }

    Optional<byte[]> treeLeaves(NodeCid treeCid) {
        try {
            return Optional.of(Files.readAllBytes(trees.resolve(treeCid.toString())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether peers may fetch this manifest (current line; kept across restarts). */
    boolean advertised(NodeCid cid) {
        return !Files.exists(unadvertised.resolve(cid.toString()));
    }

    void setAdvertised(NodeCid cid, boolean advertise) throws IOException {
        Path marker = unadvertised.resolve(cid.toString());
        if (advertise) {
            Files.deleteIfExists(marker);
        } else if (!Files.exists(marker)) {
            Files.createFile(marker);
        }
    }

    /** Deletes every block whose expiry has passed; returns how many. */
    int sweepExpired() throws IOException {
        long now = clock.millis();
        List<Path> expired = new ArrayList<>();
        try (Stream<Path> files = Files.list(blocks)) {
            files.filter(p -> !p.getFileName().toString().endsWith(".tmp")).forEach(p -> {
                try {
                    if (Files.getLastModifiedTime(p).toMillis() <= now) {
                        expired.add(p);
                    }
                } catch (IOException e) {
                    // vanished meanwhile
                }
            });
        }
        int n = 0;
        for (Path p : expired) {
            if (delete(NodeCid.parse(p.getFileName().toString()))) {
                n++;
            }
        }
        return n;
    }

    /** The expiry of a stored block, for tests and the admin endpoint. */
    Optional<java.time.Instant> expiry(NodeCid cid) {
        try {
            return Optional.of(Files.getLastModifiedTime(blockPath(cid)).toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}

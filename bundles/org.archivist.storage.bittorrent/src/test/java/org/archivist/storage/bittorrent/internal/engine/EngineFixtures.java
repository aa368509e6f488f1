package org.archivist.storage.bittorrent.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.archivist.storage.bittorrent.internal.metainfo.TorrentBuilder;
import org.archivist.storage.bittorrent.internal.testing.CommunityDirs;
import org.archivist.storage.bittorrent.internal.testing.Libtorrent;

/**
 * What the engine tests share: engines of either kind, a generated community torrent with its owner and member
 * directories, python3-libtorrent seeds' addresses, piece sets and file checks.
 */
public final class EngineFixtures {
    public static final int L = Metainfo.STATUS_PIECE_LENGTH;
    public static final Duration DEADLINE = Duration.ofSeconds(60);

    private EngineFixtures() {
    }

    /**
     * An engine of exactly this kind, not started. Unlike {@link TorrentEngines} it never falls back to bt, so a
     * libtorrent test cannot pass by running the other engine.
     */
    public static TorrentEngine unstarted(EngineKind kind, EngineSettings settings) {
        return TorrentEngines.exactly(kind, settings);
    }

    /** An engine of exactly this kind (see {@link #unstarted}), started. */
    public static TorrentEngine start(EngineKind kind, EngineSettings settings) throws EngineException {
        TorrentEngine engine = unstarted(kind, settings);
        engine.start();
        return engine;
    }

    /**
     * A generated community written under {@code <root>/owner}, its status torrent, and an empty
     * {@code <root>/member} directory to download it to.
     */
    public record Community(Path root, Path owner, Path dir, Metainfo torrent, Path member) {

        public static Community write(Path root, int dataBytes, int indexBytes, long seed, String statusKey)
                throws Exception {
            Path owner = root.resolve("owner");
            Path dir = CommunityDirs.write(owner, CommunityDirs.CID, dataBytes, indexBytes, seed);
            Metainfo torrent = TorrentBuilder.status(statusKey).build(dir, 1_700_000_000L);
            Path member = Files.createDirectories(root.resolve("member"));
            return new Community(root, owner, dir, torrent, member);
        }

        /** The torrent written to {@code <root>/<name>}, for a libtorrent script. */
        public Path torrentFile(String name) throws Exception {
            return Files.write(root.resolve(name), torrent.bytes());
        }

        /** The member's copy of the community directory. */
        public Path received() {
            return member.resolve(CommunityDirs.CID);
        }

        /** The member holds the whole community: data and index, byte for byte. */
        public void assertMemberHasAll() throws Exception {
            assertSameFile(dir.resolve("data"), received().resolve("data"));
            assertSameFile(dir.resolve("index"), received().resolve("index"));
        }
    }

    /**
     * The loopback address of a libtorrent script's peer, from its first line starting with {@code marker}
     * ({@code SEEDING <port>}, {@code NOT_SEEDING <port>}); fails with its transcript when none comes in time.
     */
    public static String loopbackPeer(Libtorrent script, String marker) {
        String line = script.awaitLine(marker, DEADLINE);
        assertNotNull(line, script.transcript());
        return "127.0.0.1:" + line.split(" ")[1];
    }

    /** Pieces {@code from} (inclusive) to {@code to} (exclusive). */
    public static BitSet bits(int from, int to) {
        BitSet b = new BitSet();
        b.set(from, to);
        return b;
    }

    public static void assertSameFile(Path expected, Path actual) throws Exception {
        assertTrue(Files.exists(actual), actual + " missing");
        assertEquals(Files.size(expected), Files.size(actual), actual + " size");
        assertEquals(-1L, Files.mismatch(expected, actual), actual + " differs from " + expected);
    }

    /** Polls every 20 ms until {@code condition} holds; fails with {@code failure} after {@link #DEADLINE}. */
    public static void await(BooleanSupplier condition, Supplier<String> failure) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, failure);
            Thread.sleep(20);
        }
    }
}

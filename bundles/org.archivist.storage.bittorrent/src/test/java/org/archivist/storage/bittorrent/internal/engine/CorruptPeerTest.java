package org.archivist.storage.bittorrent.internal.engine;

import static org.archivist.storage.bittorrent.internal.engine.EngineFixtures.DEADLINE;
import static org.archivist.storage.bittorrent.internal.engine.EngineFixtures.L;
import static org.archivist.storage.bittorrent.internal.engine.EngineFixtures.bits;
import static org.archivist.storage.bittorrent.internal.engine.EngineFixtures.loopbackPeer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.archivist.storage.bittorrent.internal.engine.EngineFixtures.Community;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.archivist.storage.bittorrent.internal.testing.CommunityDirs;
import org.archivist.storage.bittorrent.internal.testing.HostilePeer;
import org.archivist.storage.bittorrent.internal.testing.Libtorrent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer sending corrupt pieces is dropped and banned; the download completes, intact, from good peers. One
 * scenario for both engines; a subclass per engine reaches what only that engine has (its ban reports, its
 * redial), since bans are not part of {@link TorrentEngine}.
 *
 * <p>Deterministic (no rerun): at first the only good peer is a libtorrent seed holding the first half of the
 * data, and the liar claims every piece, so the second half can be asked of the liar alone and its garbage is
 * certain to arrive. Once the liar is banned, a libtorrent seed of the whole set is dialled and the download
 * completes from it.
 */
public abstract class CorruptPeerTest<E extends TorrentEngine> {
    private static final int DATA_PIECES = 24;

    @TempDir
    Path tmp;

    /** A started engine of the kind under test. */
    protected abstract E start(EngineSettings settings) throws EngineException;

    /** Reports every peer the engine bans, as the engine names it. */
    protected abstract void onBan(E engine, Consumer<String> listener);

    /** Dials these peers ({@code host:port}) for the torrent now. */
    protected abstract void redial(E engine, Metainfo torrent, List<String> peers);

    /** Waits until the engine has banned the liar (and not the good seed), checking how it names it. */
    protected abstract void awaitLiarBanned(E engine, Set<String> bans, HostilePeer liar, String goodSeed)
            throws InterruptedException;

    /**
     * Whether the engine bans only on proof, so that the honest half-seed, which sent no corrupt piece, is certain
     * to stay unbanned. A subclass that answers false says why.
     */
    protected abstract boolean bansOnlyOnProof();

    @Test
    void aLyingPeerIsBannedAndTheDownloadCompletesFromTheGoodOnes() throws Exception {
        Libtorrent.require();
        Community c = Community.write(tmp, DATA_PIECES * L, 2 * L + 7, 31, "0x04cc");
        Metainfo torrent = c.torrent();
        Path file = c.torrentFile("c.torrent");
        Path half = halfOf(c.dir(), tmp.resolve("half"));
        try (Libtorrent partial = Libtorrent.start("seed.py", file.toString(), half.toString(), "120");
                E engine = start(EngineSettings.loopback().withStallTimeout(DEADLINE))) {
            String partialSeed = loopbackPeer(partial, "NOT_SEEDING");
            Set<String> bans = ConcurrentHashMap.newKeySet();
            onBan(engine, bans::add);
            try (FetchSession fetch = engine.fetch(torrent.magnet().withPeers(List.of(partialSeed)), c.member());
                    HostilePeer liar = new HostilePeer(new InetSocketAddress("127.0.0.1", engine.port()),
                            torrent.infoHash(), torrent.pieceCount())) {
                fetch.awaitMetadata(DEADLINE);
                liar.start();
                Thread download = new Thread(() -> {
                    try {
                        fetch.awaitPieces(bits(0, torrent.pieceCount()), FetchSession.PieceProgress.NONE);
                    } catch (Exception e) {
                        // the main thread checks what was verified
                    }
                }, "download");
                download.start();
                awaitLiarBanned(engine, bans, liar, partialSeed);
                assertTrue(liar.blocksSent() > 0, "the liar was asked for blocks");
                if (bansOnlyOnProof()) {
                    assertFalse(bans.contains(partialSeed), "the partial good seed was not banned: " + bans);
                }

                try (Libtorrent full = Libtorrent.start("seed.py", file.toString(), c.owner().toString(), "120")) {
                    String fullSeed = loopbackPeer(full, "SEEDING");
                    redial(engine, torrent, List.of(fullSeed));
                    download.join(DEADLINE.toMillis());
                    assertEquals(torrent.pieceCount(), fetch.verifiedPieces().cardinality(),
                            "every piece verified after the whole seed was dialled");
                    assertFalse(bans.contains(fullSeed), "the whole good seed was not banned: " + bans);
                }
            }
        }
        c.assertMemberHasAll();
    }

    /** A copy of the community directory whose data's second half is zeroed (so those pieces fail the check). */
    private static Path halfOf(Path dir, Path root) throws Exception {
        Path copy = Files.createDirectories(root.resolve(CommunityDirs.CID));
        Files.copy(dir.resolve("data"), copy.resolve("data"));
        Files.copy(dir.resolve("index"), copy.resolve("index"));
        try (RandomAccessFile data = new RandomAccessFile(copy.resolve("data").toFile(), "rw")) {
            data.seek((long) DATA_PIECES / 2 * L);
            data.write(new byte[DATA_PIECES / 2 * L]);
        }
        return root;
    }
}

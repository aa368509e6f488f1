package org.archivist.storage.bittorrent.internal.engine.lt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.archivist.storage.bittorrent.internal.engine.CorruptPeerTest;
import org.archivist.storage.bittorrent.internal.engine.EngineException;
import org.archivist.storage.bittorrent.internal.engine.EngineFixtures;
import org.archivist.storage.bittorrent.internal.engine.EngineSettings;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.archivist.storage.bittorrent.internal.testing.HostilePeer;

/** {@link CorruptPeerTest} on libtorrent: libtorrent bans by itself (no guard of ours) and reports it. */
class LtCorruptPeerTest extends CorruptPeerTest<LibtorrentEngine> {

    @Override
    protected LibtorrentEngine start(EngineSettings settings) throws EngineException {
        return LibtorrentEngine.start(settings);
    }

    @Override
    protected void onBan(LibtorrentEngine engine, Consumer<String> listener) {
        engine.onBan(listener);
    }

    @Override
    protected void redial(LibtorrentEngine engine, Metainfo torrent, List<String> peers) {
        engine.redial(torrent.infoHashHex(), peers);
    }

    /**
     * libtorrent reports a ban by the address of the (incoming) connection: 127.0.0.1 and a port of its own, not
     * the good seed's listen port.
     */
    @Override
    protected void awaitLiarBanned(LibtorrentEngine engine, Set<String> bans, HostilePeer liar, String goodSeed)
            throws InterruptedException {
        EngineFixtures.await(() -> bans.stream().anyMatch(b -> !b.equals(goodSeed)),
                () -> "the liar was not banned within " + EngineFixtures.DEADLINE + " (connections "
                        + liar.connections() + ", blocks sent " + liar.blocksSent() + ")");
        assertTrue(bans.stream().allMatch(b -> b.startsWith("127.0.0.1:")), "banned " + bans);
    }

    /**
     * No: libtorrent also bans a peer that shared four failed pieces with the liar (its trust points), before
     * parole mode separates them, so the honest half-seed may be banned too; bt's PeerGuard bans only on proof.
     * The README's Engine choice says so.
     */
    @Override
    protected boolean bansOnlyOnProof() {
        return false;
    }
}

package org.archivist.storage.bittorrent.internal.engine.bt;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.archivist.storage.bittorrent.internal.engine.CorruptPeerTest;
import org.archivist.storage.bittorrent.internal.engine.EngineException;
import org.archivist.storage.bittorrent.internal.engine.EngineFixtures;
import org.archivist.storage.bittorrent.internal.engine.EngineSettings;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.archivist.storage.bittorrent.internal.testing.HostilePeer;

import bt.metainfo.TorrentId;

/** {@link CorruptPeerTest} on bt: our {@link PeerGuard} bans, only on proof, and names the liar's connection. */
class BtCorruptPeerTest extends CorruptPeerTest<BtEngine> {

    @Override
    protected BtEngine start(EngineSettings settings) throws EngineException {
        return new BtEngine(settings);
    }

    @Override
    protected void onBan(BtEngine engine, Consumer<String> listener) {
        engine.guard().onBan(listener);
    }

    @Override
    protected void redial(BtEngine engine, Metainfo torrent, List<String> peers) {
        engine.redial(TorrentId.fromBytes(torrent.infoHash()), peers);
    }

    @Override
    protected void awaitLiarBanned(BtEngine engine, Set<String> bans, HostilePeer liar, String goodSeed)
            throws InterruptedException {
        EngineFixtures.await(() -> engine.guard().banned().stream().anyMatch(b -> b.startsWith("incoming:127.0.0.1")),
                () -> "the liar was not banned within " + EngineFixtures.DEADLINE + " (connections "
                        + liar.connections() + ", blocks sent " + liar.blocksSent() + ", banned "
                        + engine.guard().banned() + ")");
    }

    @Override
    protected boolean bansOnlyOnProof() {
        return true;
    }
}

package org.archivist.storage.bittorrent.internal.engine.lt;

import java.util.Locale;

import org.libtorrent4j.AlertListener;
import org.libtorrent4j.alerts.Alert;
import org.libtorrent4j.alerts.PeerAlert;
import org.libtorrent4j.alerts.TorrentAlert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands libtorrent's alerts (on its alert thread) to the fetch they concern, and reports bans. A class of its own:
 * its switch over {@code AlertType} initialises libtorrent4j classes, which must wait until the native is loaded.
 */
final class AlertDispatch implements AlertListener {
    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatch.class);

    private final LibtorrentEngine engine;

    AlertDispatch(LibtorrentEngine engine) {
        this.engine = engine;
    }

    @Override
    public int[] types() {
        return null; // all
    }

    @Override
    public void alert(Alert<?> alert) {
        switch (alert.type()) {
            case METADATA_RECEIVED, PIECE_FINISHED, TORRENT_ERROR, FILE_ERROR, CACHE_FLUSHED, TORRENT_CHECKED,
                    METADATA_FAILED -> {
                LibtorrentFetchSession fetch = engine.fetchOf(hexOf((TorrentAlert<?>) alert));
                if (fetch != null) {
                    fetch.alert(alert);
                }
            }
            case PEER_BAN -> {
                PeerAlert<?> ban = (PeerAlert<?>) alert;
                engine.banned(hexOf(ban), ban.endpoint().address().toString() + ":" + ban.endpoint().port());
            }
            case HASH_FAILED -> LOG.debug("{}", alert.message());
            default -> {
            }
        }
    }

    private static String hexOf(TorrentAlert<?> alert) {
        return alert.handle().infoHash().toHex().toLowerCase(Locale.ROOT);
    }
}

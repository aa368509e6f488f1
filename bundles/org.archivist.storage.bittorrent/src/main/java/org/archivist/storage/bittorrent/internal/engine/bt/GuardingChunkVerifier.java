package org.archivist.storage.bittorrent.internal.engine.bt;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import bt.data.ChunkDescriptor;
import bt.data.ChunkVerifier;
import bt.data.DataDescriptor;
import bt.data.LocalBitfield;
import bt.metainfo.TorrentId;
import bt.torrent.TorrentDescriptor;
import bt.torrent.TorrentRegistry;

/**
 * bt's SHA-1 piece check, unchanged, plus a report to the {@link PeerGuard} of which piece of which torrent
 * passed or failed after a download (the check of files already on disk at start-up is not reported).
 */
final class GuardingChunkVerifier implements ChunkVerifier {
    private final ChunkVerifier delegate;
    private final PeerGuard guard;
    private final AtomicReference<TorrentRegistry> registry = new AtomicReference<>();

    GuardingChunkVerifier(ChunkVerifier delegate, PeerGuard guard) {
        this.delegate = delegate;
        this.guard = guard;
    }

    void attach(TorrentRegistry torrentRegistry) {
        registry.set(torrentRegistry);
    }

    @Override
    public boolean verify(List<ChunkDescriptor> chunks, LocalBitfield bitfield) {
        return delegate.verify(chunks, bitfield);
    }

    @Override
    public boolean verify(ChunkDescriptor chunk) {
        boolean ok = delegate.verify(chunk);
        report(chunk, ok);
        return ok;
    }

    @Override
    public boolean verifyIfPresent(ChunkDescriptor chunk) {
        return delegate.verifyIfPresent(chunk);
    }

    private void report(ChunkDescriptor chunk, boolean ok) {
        TorrentRegistry torrents = registry.get();
        if (torrents == null) {
            return;
        }
        for (TorrentId id : torrents.getTorrentIds()) {
            DataDescriptor data = torrents.getDescriptor(id).map(TorrentDescriptor::getDataDescriptor).orElse(null);
            if (data == null) {
                continue;
            }
            List<ChunkDescriptor> all = data.getChunkDescriptors();
            for (int piece = 0; piece < all.size(); piece++) {
                if (all.get(piece) == chunk) {
                    if (ok) {
                        guard.pieceVerified(id, piece, chunk);
                    } else {
                        guard.pieceFailed(id, piece, chunk);
                    }
                    return;
                }
            }
        }
    }
}

package org.archivist.storage.bittorrent.internal.engine.bt;

import bt.protocol.Request;
import bt.torrent.annotation.Consumes;
import bt.torrent.messaging.Mapper;
import bt.torrent.messaging.MessageContext;

/**
 * Fixes the seed side of bt 1.10's last-piece stall: a block asked for again after a cancel was never sent.
 *
 * <p>bt records every {@code Cancel} a peer sends in the connection's set of cancelled requests and drops an
 * outgoing {@code Piece} whose block is in that set, removing the entry then. A cancel that arrives after the
 * block was already sent (the usual case on a fast link: a member that drops its assignment cancels every
 * request in flight, and most of them have been served) therefore stays in the set. The member discards the
 * blocks that were in flight as unrequested and asks for them again; bt serves the new request, finds the old
 * cancel and drops the block. The member waits for it until its assignment times out, cancels again (which
 * plants the cancel once more) and asks again: that piece never completes from this seed, and a download
 * whose last pieces are such pieces stalls until the connection is replaced.
 *
 * <p>This messaging agent makes a request renew its block: when a peer asks for a block, any earlier cancel
 * of that block is forgotten, so only a cancel that arrives after the request it cancels is honoured.
 */
public final class StaleCancelCleaner {

    @Consumes
    public void consume(Request request, MessageContext context) {
        context.getConnectionState().getCancelledPeerRequests()
                .remove(Mapper.mapper().buildKey(request.getPieceIndex(), request.getOffset(), request.getLength()));
    }
}

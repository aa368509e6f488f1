package org.archivist.codex.emulator;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The current line's background downloads ({@code POST /data/{cid}/network}): keyed by tree CID and transport,
 * ids from one counter starting at 1 and never reused; a second request for the same tree and transport while
 * one runs gets the same id. Progress counts blocks and bytes; a cancelled or finished download is forgotten.
 */
final class BackgroundDownloads {
    /** One running download. */
    static final class Download {
        final long id;
        final NodeCid tree;
        final String transport;
        final long totalBlocks;
        final AtomicLong receivedBlocks = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        volatile boolean cancelled;

        Download(long id, NodeCid tree, String transport, long totalBlocks) {
            this.id = id;
            this.tree = tree;
            this.transport = transport;
            this.totalBlocks = totalBlocks;
        }
    }

    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Download> running = new ConcurrentHashMap<>();

    private static String key(NodeCid tree, String transport) {
        return tree + "|" + transport;
    }

    /** The running download of this tree and transport, or a new one (second element true when new). */
    synchronized Map.Entry<Download, Boolean> start(NodeCid tree, String transport, long totalBlocks) {
        Download d = running.get(key(tree, transport));
        if (d != null) {
            return Map.entry(d, false);
        }
        d = new Download(ids.incrementAndGet(), tree, transport, totalBlocks);
        running.put(key(tree, transport), d);
        return Map.entry(d, true);
    }

    Optional<Download> find(NodeCid tree, long id) {
        return running.values().stream().filter(d -> d.id == id && d.tree.equals(tree)).findFirst();
    }

    void finished(Download d) {
        running.remove(key(d.tree, d.transport), d);
    }

    /** Cancels a running download; false when there is none with this tree and id. */
    boolean cancel(NodeCid tree, long id) {
        Optional<Download> d = find(tree, id);
        d.ifPresent(x -> {
            x.cancelled = true;
            finished(x);
        });
        return d.isPresent();
    }

    void cancelAll() {
        running.values().forEach(d -> d.cancelled = true);
        running.clear();
    }
}

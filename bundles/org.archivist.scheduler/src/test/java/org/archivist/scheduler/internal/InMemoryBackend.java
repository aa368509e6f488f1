package org.archivist.scheduler.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.CommunityId;
import org.archivist.api.storage.ArchiveDownload;
import org.archivist.api.storage.DownloadProgress;
import org.archivist.api.storage.BackendStatus;
import org.archivist.api.storage.BlobWriter;
import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.LinkKind;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageBackend;
import org.archivist.api.storage.StorageException;
import org.archivist.core.link.IndexCidLinkFormat;
import org.archivist.core.link.MagnetLinkFormat;

/**
 * TEST DOUBLE, not shipped: a storage backend in memory. Each commit makes an immutable published set
 * reachable by its link (a magnet-like link, a CID-like one, or a slot link of the third, non-Status format
 * {@link SlotLinkFormat}); owner and member share one instance as they would share the network. Counts
 * seeds, unseeds and downloads, and can fail or intercept transfers.
 */
final class InMemoryBackend implements StorageBackend {
    static final long PIECE = 102_400;

    private record Published(byte[] index, Map<ArchiveLocation, byte[]> blobs) {
    }

    private final String name;
    private final LinkFormat format;
    private final LinkKind kind;
    private final Map<String, Published> byLink = new ConcurrentHashMap<>();
    private final Map<CommunityId, String> current = new ConcurrentHashMap<>();
    private final Map<CommunityId, Map<ArchiveLocation, byte[]>> blobs = new ConcurrentHashMap<>();
    private final Map<CommunityId, Long> dataLength = new ConcurrentHashMap<>();
    private final Map<CommunityId, Boolean> open = new ConcurrentHashMap<>();
    final Map<CommunityId, Boolean> seeding = new ConcurrentHashMap<>();
    final AtomicInteger seeds = new AtomicInteger();
    final AtomicInteger unseeds = new AtomicInteger();
    final AtomicInteger archiveFetches = new AtomicInteger();
    final AtomicInteger indexFetches = new AtomicInteger();
    /** Failures to inject into the next index fetches. */
    final AtomicInteger failIndexFetches = new AtomicInteger();
    /** Called before each archive fetch of a download (to deliver a newer link mid-download, for example). */
    volatile Consumer<ArchiveLocation> beforeArchiveFetch = l -> { };
    private final AtomicInteger commits = new AtomicInteger();

    InMemoryBackend(String name, LinkFormat format) {
        this.name = name;
        this.format = format;
        this.kind = format.kind();
    }

    /** Pretends to be the BitTorrent backend: Status magnet links and piece ranges. */
    static InMemoryBackend bittorrent() {
        return new InMemoryBackend(BITTORRENT, MagnetLinkFormat.INSTANCE);
    }

    /** Pretends to be the Codex backend: Status index CIDs. */
    static InMemoryBackend codex() {
        return new InMemoryBackend(CODEX, IndexCidLinkFormat.INSTANCE);
    }

    /** A third backend under its own name, with its own link kind and format. */
    static InMemoryBackend slots(String name) {
        return new InMemoryBackend(name, SlotLinkFormat.INSTANCE);
    }

    /** The name it is registered under (its storage.type). */
    String name() {
        return name;
    }

    @Override
    public LinkFormat linkFormat() {
        return format;
    }

    @Override
    public BackendStatus status() {
        return BackendStatus.up(java.util.Map.of("communities", current.size()));
    }

    @Override
    public PublishSession beginPublish(CommunityId community) throws StorageException {
        if (open.putIfAbsent(community, Boolean.TRUE) != null) {
            throw new StorageException("a publish session of " + community + " is already open", true);
        }
        Map<ArchiveLocation, byte[]> appended = new HashMap<>();
        long[] end = {dataLength.getOrDefault(community, 0L)};
        return new PublishSession() {
            boolean committed;
            boolean closed;

            @Override
            public Optional<byte[]> existingIndex() {
                return Optional.ofNullable(current.get(community)).map(l -> byLink.get(l).index().clone());
            }

            @Override
            public ArchiveLocation append(long length, BlobWriter writer) throws StorageException {
                if (committed || closed) {
                    throw new IllegalStateException("the session was " + (closed ? "closed" : "committed"));
                }
                if (length <= 0) {
                    throw new IllegalArgumentException("a blob has at least one byte");
                }
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                try {
                    writer.writeTo(out);
                } catch (java.io.IOException e) {
                    throw new StorageException("the archive writer failed: " + e, false, e);
                }
                if (out.size() != length) {
                    throw new IllegalStateException("the writer wrote " + out.size() + " of " + length + " bytes");
                }
                byte[] blob = out.toByteArray();
                ArchiveLocation loc;
                if (kind.equals(SlotLinkFormat.KIND)) {
                    loc = new SlotLinkFormat.Slot(sha1(blob).substring(0, 20));
                } else if (kind.equals(MagnetLinkFormat.KIND)) {
                    long raw = blob.length;
                    long size = raw > PIECE ? raw + PIECE - raw % PIECE : PIECE;
                    loc = new ArchiveLocation.PieceRange(end[0], size, size - raw);
                    end[0] += size;
                } else {
                    loc = new ArchiveLocation.ContentAddress("zDvMem" + sha1(blob).substring(0, 40));
                }
                appended.put(loc, blob.clone());
                return loc;
            }

            @Override
            public String commit(byte[] index) {
                if (committed || closed) {
                    throw new IllegalStateException("the session was " + (closed ? "closed" : "committed"));
                }
                Map<ArchiveLocation, byte[]> all = blobs.computeIfAbsent(community, c -> new ConcurrentHashMap<>());
                all.putAll(appended);
                dataLength.put(community, end[0]);
                String link = kind.equals(SlotLinkFormat.KIND) ? "slot:" + name + ":" + commits.incrementAndGet()
                        + ":" + sha1(index).substring(0, 16)
                        : kind.equals(MagnetLinkFormat.KIND)
                        ? "magnet:?xt=urn:btih:" + sha1(index) + "&dn=" + community.hex()
                        : "zDvIdx" + commits.incrementAndGet() + sha1(index).substring(0, 30);
                byLink.put(link, new Published(index.clone(), Map.copyOf(all)));
                current.put(community, link);
                committed = true;
                return link;
            }

            @Override
            public void close() {
                if (closed) {
                    return;
                }
                closed = true;
                open.remove(community);
                if (!committed) {
                    appended.clear();
                }
            }
        };
    }

    @Override
    public Optional<String> currentLink(CommunityId community) {
        return Optional.ofNullable(current.get(community));
    }

    @Override
    public void seed(CommunityId community) {
        seeds.incrementAndGet();
        seeding.put(community, true);
    }

    @Override
    public void unseed(CommunityId community) {
        unseeds.incrementAndGet();
        seeding.put(community, false);
    }

    @Override
    public ArchiveDownload download(CommunityId community, String link) {
        return new ArchiveDownload() {
            volatile boolean cancelled;

            @Override
            public String link() {
                return link;
            }

            @Override
            public byte[] index() throws StorageException {
                indexFetches.incrementAndGet();
                if (failIndexFetches.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new StorageException("injected failure: no peer serves " + link, true);
                }
                Published p = byLink.get(link);
                if (p == null) {
                    throw new StorageException("nobody serves " + link, true);
                }
                return p.index().clone();
            }

            @Override
            public byte[] archive(ArchiveLocation location, DownloadProgress progress) throws StorageException {
                beforeArchiveFetch.accept(location);
                if (cancelled) {
                    throw new CancellationException("download of " + link + " cancelled");
                }
                archiveFetches.incrementAndGet();
                byte[] b = byLink.get(link).blobs().get(location);
                if (b == null) {
                    throw new StorageException("no archive at " + location, false);
                }
                progress.bytes(b.length, b.length);
                return b.clone();
            }

            @Override
            public void cancel() {
                cancelled = true;
            }

            @Override
            public void close() {
            }
        };
    }

    List<String> links() {
        return new ArrayList<>(byLink.keySet());
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

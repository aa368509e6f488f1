package org.archivist.storage.bittorrent.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.api.CommunityId;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.storage.ArchiveDownload;
import org.archivist.api.storage.BackendStatus;
import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.MemberCopies;
import org.archivist.api.storage.StorageBackend;
import org.archivist.api.storage.StorageException;
import org.archivist.api.storage.StoredArchiveReader;
import org.archivist.api.storage.StoredPieceVerifier;
import org.archivist.core.directory.ArchiveDirectory;
import org.archivist.core.io.DirectorySizes;
import org.archivist.core.link.MagnetLinkFormat;
import org.archivist.storage.bittorrent.internal.engine.EngineException;
import org.archivist.storage.bittorrent.internal.engine.TorrentEngine;
import org.archivist.storage.bittorrent.internal.metainfo.BencodeException;
import org.archivist.storage.bittorrent.internal.metainfo.MagnetLink;
import org.archivist.storage.bittorrent.internal.metainfo.Metainfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import jakarta.inject.Inject;

/**
 * The Status-compatible BitTorrent backend. Owner side: archives go into the core's
 * {@link ArchiveDirectory} ({@code <dataDir>/<community>/data} and {@code index}); on commit the torrent
 * {@code <torrentDir>/<community>.torrent} is rebuilt, seeding moves to it, and its magnet link (in
 * status-go's form) is what members receive. Member side: {@link #download} fetches the metadata, the index
 * and then only the archives asked for. Seeding resumes after a restart for the communities seeded before.
 */
public final class BitTorrentBackend implements StorageBackend, StoredArchiveReader, MemberCopies, StoredPieceVerifier,
        AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BitTorrentBackend.class);
    private static final String MDC_COMMUNITY = "community";

    private final BitTorrentSettings settings;
    private final TorrentEngine engine;
    private final Optional<ArchiveCipher> cipher;
    private final CommunityTorrents torrents;
    private final SeedingState seedingState;
    private final Map<CommunityId, String> seeded = new ConcurrentHashMap<>();
    private volatile boolean closed;

    @Inject
    public BitTorrentBackend(BitTorrentSettings settings, TorrentEngine engine, Optional<ArchiveCipher> cipher,
            Clock clock) {
        this.settings = settings;
        this.engine = engine;
        this.cipher = cipher;
        this.torrents = new CommunityTorrents(settings, clock);
        this.seedingState = new SeedingState(settings.torrentDir());
    }

    /** Seeds again every community that was seeded when the node last stopped (if so configured). */
    public void resumeSeeding() {
        if (!settings.resumeSeeding()) {
            return;
        }
        for (CommunityId community : seedingState.load()) {
            try {
                seed(community);
            } catch (StorageException | RuntimeException e) {
                LOG.warn("Cannot resume seeding community {}: {}", community, e.getMessage());
            }
        }
    }

    /** Metric: communities being seeded now. */
    public static final String METRIC_SEEDING = "seedingCommunities";
    /** Metric: the engine's listen port. */
    public static final String METRIC_PORT = "listenPort";
    /** Metric: the peer connections open now, over every community seeded or fetched. */
    public static final String METRIC_PEERS = "peers";
    /** Metric prefix: {@code peers.<community hex>}, the peer connections open now on a seeded community's torrent. */
    public static final String METRIC_COMMUNITY_PEERS = "peers.";
    /**
     * Metric: the bytes of the files under the archive data directory (every community's {@code data} and
     * {@code index}, owner and member sets alike), walked once per status.
     */
    public static final String METRIC_STORED_BYTES = org.archivist.api.service.StorageUsage.STORED_BYTES_METRIC;

    @Override
    public LinkFormat linkFormat() {
        return MagnetLinkFormat.INSTANCE;
    }

    /** Up while the engine runs (this backend exists only once the engine started), with its figures. */
    @Override
    public BackendStatus status() {
        if (closed) {
            return BackendStatus.down("the BitTorrent engine was stopped");
        }
        Map<String, Object> metrics = new java.util.TreeMap<>(Map.of(METRIC_SEEDING, seeded.size(),
                METRIC_PORT, engine.port(), METRIC_PEERS, engine.connectedPeers()));
        Map<String, Integer> byTorrent = engine.connectedPeersByTorrent();
        seeded.forEach((community, infoHash) -> metrics.put(METRIC_COMMUNITY_PEERS + community.hex(),
                byTorrent.getOrDefault(infoHash, 0)));
        metrics.put(METRIC_STORED_BYTES, DirectorySizes.metric(settings.dataDir()));
        return BackendStatus.up(metrics);
    }

    @Override
    public PublishSession beginPublish(CommunityId community) throws StorageException {
        return new TorrentPublishSession(this, community, directory(community).beginPublish(), new AppendedPieceHashes(
                torrents.communityDir(community).resolve(Metainfo.DATA_FILE), Metainfo.STATUS_PIECE_LENGTH));
    }

    private ArchiveDirectory directory(CommunityId community) throws StorageException {
        return ArchiveDirectory.open(settings.dataDir(), community, cipher);
    }

    /**
     * After an index commit: rebuild the torrent (hashing only what {@code appended} and the previous torrent do
     * not give), move seeding to it, return its magnet link.
     */
    String publishCommitted(CommunityId community, Optional<AppendedPieceHashes.Pieces> appended)
            throws StorageException {
        MDC.put(MDC_COMMUNITY, community.hex());
        try {
            Metainfo torrent = torrents.rebuild(community, appended);
            LOG.info("Community {}: torrent {} with {} pieces written to {}", community, torrent.infoHashHex(),
                    torrent.pieceCount(), torrents.torrentFile(community));
            startSeeding(community, torrent);
            return torrent.magnet().toString();
        } finally {
            MDC.remove(MDC_COMMUNITY);
        }
    }

    @Override
    public Optional<String> currentLink(CommunityId community) throws StorageException {
        return torrents.current(community).map(t -> t.magnet().toString());
    }

    @Override
    public void seed(CommunityId community) throws StorageException {
        Metainfo torrent = torrents.current(community).orElseThrow(() -> new StorageException(
                "community " + community + " has no committed archives to seed under " + settings.dataDir(), false));
        startSeeding(community, torrent);
    }

    private synchronized void startSeeding(CommunityId community, Metainfo torrent) throws StorageException {
        String previous = seeded.get(community);
        try {
            if (previous != null && !previous.equals(torrent.infoHashHex())) {
                engine.unseed(previous);
                seeded.remove(community);
            }
            engine.seed(torrent, settings.dataDir());
        } catch (EngineException e) {
            throw new StorageException("community " + community + ": " + e.getMessage(), e.retryable(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while starting to seed community " + community, true, e);
        }
        seeded.put(community, torrent.infoHashHex());
        seedingState.set(community, true);
    }

    @Override
    public synchronized void unseed(CommunityId community) throws StorageException {
        String infoHash = seeded.remove(community);
        try {
            if (infoHash != null) {
                engine.unseed(infoHash);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while stopping to seed community " + community, true, e);
        }
        seedingState.set(community, false);
    }

    /** Whether the community's current torrent is being served. */
    public boolean isSeeding(CommunityId community) {
        String infoHash = seeded.get(community);
        return infoHash != null && engine.isSeeding(infoHash);
    }

    @Override
    public ArchiveDownload download(CommunityId community, String link) throws StorageException {
        MagnetLink magnet;
        try {
            magnet = MagnetLink.parse(link);
        } catch (BencodeException e) {
            throw new StorageException(e.getMessage(), false, e);
        }
        return new TorrentArchiveDownload(engine, community, link, magnet, settings);
    }

    @Override
    public byte[] readStored(CommunityId community, ArchiveLocation location) throws StorageException {
        if (!(location instanceof PieceRange range)) {
            throw new StorageException("the BitTorrent backend stores piece ranges, not " + location, false);
        }
        return directory(community).readBlob(range);
    }

    /** The member sets under the data directory (never an owner's: a community with a committed torrent). */
    @Override
    public List<MemberCopy> memberCopies() throws StorageException {
        return new MemberSets(settings.dataDir(), torrents).list();
    }

    /** Deletes a member set; the caller (the scheduler) makes sure no download of it runs. */
    @Override
    public long releaseMemberCopy(CommunityId community) throws StorageException {
        if (seeded.containsKey(community)) {
            throw new StorageException("community " + community + "'s archive set is seeded by this node as its owner:"
                    + " it is never released", false);
        }
        return new MemberSets(settings.dataDir(), torrents).release(community);
    }

    /**
     * The archive's pieces in the community's {@code data} file hashed again against the stored torrent (the one
     * seeded; never rebuilt from the files here, which would hash the change in).
     */
    @Override
    public List<Integer> mismatchedPieces(CommunityId community, ArchiveLocation location) throws StorageException {
        if (!(location instanceof PieceRange range)) {
            throw new StorageException("the BitTorrent backend stores piece ranges, not " + location, false);
        }
        Metainfo torrent = torrents.stored(community).orElseThrow(() -> new StorageException("community "
                + community + " has no stored torrent to check its archives against", true));
        StoredPieces pieces = new StoredPieces(torrent, torrents.communityDir(community));
        if (!pieces.covers(range)) {
            throw new StorageException("the stored torrent of " + community + " does not cover the archive at "
                    + range + " yet", true);
        }
        try {
            return pieces.mismatched(range);
        } catch (IOException e) {
            throw new StorageException("cannot read the archive at " + range + " of " + community + ": "
                    + e.getMessage(), false, e);
        }
    }

    /** The engine's listen port (peers connect here). */
    public int port() {
        return engine.port();
    }

    /** Stops every transfer; the files and the seeding list stay for the next start. */
    @Override
    public void close() {
        closed = true;
        engine.close();
        seeded.clear();
    }
}

package org.archivist.storage.codex.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.CommunityId;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.storage.ArchiveDownload;
import org.archivist.api.storage.BackendStatus;
import org.archivist.api.storage.ContentAddressing;
import org.archivist.api.storage.LinkFormat;
import org.archivist.core.io.DirectorySizes;
import org.archivist.core.link.IndexCidLinkFormat;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageBackend;
import org.archivist.api.storage.StorageException;
import org.archivist.api.storage.StoredArchiveReader;
import org.archivist.storage.codex.cid.Cid;
import org.archivist.storage.codex.cid.CodexLine;
import org.archivist.storage.codex.cid.ContentKey;
import org.archivist.storage.codex.cid.DatasetHasher;
import org.archivist.storage.codex.cid.InvalidCidException;
import org.archivist.storage.codex.client.CodexClient;
import org.archivist.storage.codex.client.Space;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.inject.Inject;

/**
 * The Codex storage backend: one CID per archive blob and one for the index, which is the announced link.
 * Stores bytes only; every blob and the committed index are also kept in the state directory, so that
 * {@link #seed} can put back what the node lost and {@link #refreshDue} can re-store everything before the
 * node's block TTL (30 days by default) deletes it.
 */
public final class CodexBackend implements StorageBackend, StoredArchiveReader, ContentAddressing {
    private static final Logger LOG = LoggerFactory.getLogger(CodexBackend.class);

    private final CodexClient client;
    private final Path stateDir;
    private final CommunityStore store;
    private final Clock clock;
    private final Optional<ArchiveCipher> cipher;
    private final Duration refreshPeriod;
    private final Map<CommunityId, CodexPublishSession> sessions = new ConcurrentHashMap<>();
    private volatile BackendStatus status = BackendStatus.starting("the Codex node has not been asked yet");

    /**
     * @param stateDir where per-community state, index and blob copies live
     * @param refreshPeriod how often a seeded set is re-stored on the node; keep it well below the node's TTL
     */
    @Inject
    public CodexBackend(CodexClient client, Path stateDir, Duration refreshPeriod, Clock clock) throws IOException {
        this(client, stateDir, refreshPeriod, clock, Optional.empty());
    }

    /**
     * @param cipher the community cipher, to carry an encrypted community's index over to a node of another line
     */
    public CodexBackend(CodexClient client, Path stateDir, Duration refreshPeriod, Clock clock,
            Optional<ArchiveCipher> cipher) throws IOException {
        this.client = client;
        this.stateDir = stateDir;
        this.cipher = cipher;
        this.store = new CommunityStore(stateDir);
        store.cleanScratch();
        this.refreshPeriod = refreshPeriod;
        this.clock = clock;
    }

    /** Metric: bytes the node's quota has in use. */
    public static final String METRIC_QUOTA_USED = "quotaUsedBytes";
    /** Metric: the node's quota in bytes. */
    public static final String METRIC_QUOTA_MAX = "quotaMaxBytes";

    @Override
    public LinkFormat linkFormat() {
        return IndexCidLinkFormat.INSTANCE;
    }

    /**
     * The outcome of the last {@link #probe()}: STARTING before the first, with the {@code storedBytes} metric (the
     * bytes under the local state directory: index and blob copies; the node's own blocks are its quota, not
     * counted here). Never touches the network; walks the state directory once.
     */
    @Override
    public BackendStatus status() {
        BackendStatus s = status;
        Map<String, Object> metrics = new java.util.HashMap<>(s.metrics());
        metrics.put(org.archivist.api.service.StorageUsage.STORED_BYTES_METRIC,
                DirectorySizes.metric(stateDir));
        return new BackendStatus(s.state(), s.detail(), metrics);
    }

    /** Asks the node for its space: UP with the quota figures when it answers, DOWN with the cause when not. */
    public BackendStatus probe() {
        BackendStatus now;
        try {
            Space space = client.space();
            now = BackendStatus.up(Map.of(METRIC_QUOTA_USED, space.quotaUsedBytes(), METRIC_QUOTA_MAX,
                    space.quotaMaxBytes()));
        } catch (IOException | RuntimeException e) {
            now = BackendStatus.down("the Codex node at " + client.apiRoot() + " is unreachable: " + e);
        }
        if (now.state() != status.state()) {
            if (now.state() == BackendStatus.State.DOWN) {
                LOG.error("{}", now.detail());
            } else {
                LOG.info("the Codex node at {} is up", client.apiRoot());
            }
        }
        status = now;
        return now;
    }

    long now() {
        return clock.millis();
    }

    @Override
    public PublishSession beginPublish(CommunityId community) throws StorageException {
        CodexPublishSession session = new CodexPublishSession(this, client, store, community);
        if (sessions.putIfAbsent(community, session) != null) {
            throw new StorageException("a publish session of " + community + " is already open", true);
        }
        return session;
    }

    void sessionClosed(CommunityId community, CodexPublishSession session) {
        sessions.remove(community, session);
    }

    @Override
    public Optional<String> currentLink(CommunityId community) throws StorageException {
        return state(community).indexCid();
    }

    @Override
    public void seed(CommunityId community) throws StorageException {
        CommunityState state = state(community);
        if (state.indexCid().isEmpty()) {
            return;
        }
        int restored = storeAll(community, state, false);
        save(community, state.seeded(true).refreshedAt(restored > 0 && restored == count(state) ? now()
                : state.refreshedAtMillis()));
        if (restored > 0) {
            LOG.info("{}: re-uploaded {} CIDs the node had lost", community, restored);
        }
    }

    /** Re-stores every CID of a seeded community whose last refresh is older than the period. */
    public boolean refreshDue(CommunityId community) throws StorageException {
        CommunityState state = state(community);
        if (!state.seeded() || state.indexCid().isEmpty() || now() - state.refreshedAtMillis() < refreshPeriod.toMillis()) {
            return false;
        }
        storeAll(community, state, true);
        save(community, state.refreshedAt(now()));
        LOG.info("{}: refreshed {} CIDs on the node", community, count(state));
        return true;
    }

    /** Refreshes every seeded community that is due; failures are logged and retried at the next run. */
    public void refreshAllDue() {
        try {
            for (CommunityId community : store.communities()) {
                try {
                    refreshDue(community);
                } catch (StorageException e) {
                    LOG.warn("{}: refresh failed ({}), retried at the next run", community, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list the communities of the state directory: {}", e.toString());
        }
    }

    private static int count(CommunityState state) {
        return state.archives().size() + 1;
    }

    /** Uploads the index and archives from their local copies: all of them, or only those the node lacks. */
    private int storeAll(CommunityId community, CommunityState state, boolean always) throws StorageException {
        int uploaded = 0;
        List<Dataset> items = new ArrayList<>();
        items.add(state.index().get());
        items.addAll(state.archives());
        for (Dataset item : items) {
            try {
                if (!always && client.exists(item.cid())) {
                    continue;
                }
                Path local = item == items.get(0) ? store.indexFile(community, item.key())
                        : store.blob(community, item.key());
                if (!Files.exists(local)) {
                    throw new StorageException(community + ": the local copy of " + item.cid() + " is missing ("
                            + local + "); it cannot be re-uploaded", false);
                }
                ContentUploads.upload(client, local, item);
                uploaded++;
            } catch (IOException e) {
                throw StorageErrors.of("store " + item.cid() + " of " + community, e);
            }
        }
        return uploaded;
    }

    @Override
    public void unseed(CommunityId community) throws StorageException {
        CommunityState state = state(community);
        List<String> cids = new ArrayList<>(state.archiveCids());
        state.indexCid().ifPresent(cids::add);
        for (String cid : cids) {
            try {
                client.delete(cid);
            } catch (IOException e) {
                throw StorageErrors.of("delete " + cid + " of " + community + " from the node", e);
            }
        }
        save(community, state.seeded(false));
    }

    @Override
    public ArchiveDownload download(CommunityId community, String link) throws StorageException {
        try {
            Cid cid = Cid.parse(link);
            if (!cid.isManifest()) {
                throw new StorageException("the link " + link + " is a CID but not of a Codex dataset (manifest)", false);
            }
            return new CodexArchiveDownload(client, link, Files.createTempDirectory(store.scratch(community),
                    "download"));
        } catch (InvalidCidException e) {
            throw new StorageException("the link is not a Codex CID: " + e.getMessage(), false, e);
        } catch (IOException e) {
            throw StorageErrors.of("prepare the download of " + link, e);
        }
    }

    @Override
    public byte[] readStored(CommunityId community, ArchiveLocation location) throws StorageException {
        if (!(location instanceof ArchiveLocation.ContentAddress address)) {
            throw new StorageException("Codex stores archives by CID, not by " + location, false);
        }
        Optional<Dataset> dataset = state(community).archiveByCid(address.cid());
        if (dataset.isEmpty()) {
            throw new StorageException("no archive " + address.cid() + " in the committed set of " + community, false);
        }
        try {
            return Files.readAllBytes(store.blob(community, dataset.get().key()));
        } catch (NoSuchFileException e) {
            throw new StorageException("no local copy of " + address.cid() + " for " + community, false, e);
        } catch (IOException e) {
            throw StorageErrors.of("read the local copy of " + address.cid(), e);
        }
    }

    /** The tree CID and block size of {@code blob} cut into the default blocks the backend uploads with. */
    @Override
    public String contentKey(byte[] blob) {
        try {
            return ContentKey.of(new java.io.ByteArrayInputStream(blob), DatasetHasher.BLOCK_SIZE).toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a byte array does not fail
        }
    }

    /** {@link #contentKey(byte[])} of a file, hashed as a stream. */
    @Override
    public String contentKey(java.nio.file.Path file) throws IOException {
        try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return ContentKey.of(in, DatasetHasher.BLOCK_SIZE).toString();
        }
    }

    /** The content key of the dataset a manifest CID names, from its manifest (fetched by the node if needed). */
    @Override
    public Optional<String> contentKey(CommunityId community, ArchiveLocation location) throws StorageException {
        if (!(location instanceof ArchiveLocation.ContentAddress address)) {
            return Optional.empty();
        }
        try {
            return Optional.of(client.manifest(address.cid()).contentKey().toString());
        } catch (IOException | RuntimeException e) {
            if (e instanceof IOException io) {
                throw StorageErrors.of("read the manifest of " + address.cid(), io);
            }
            throw new StorageException("the manifest of " + address.cid() + " is unusable: " + e.getMessage(), false, e);
        }
    }

    /**
     * The community's state for the node's line: loaded (a first-format file converted) and, when it was written
     * for a node of the other line, carried over by content ({@link LineChange}).
     */
    synchronized CommunityState state(CommunityId community) throws StorageException {
        try {
            Optional<CodexLine> line = nodeLine();
            CommunityState state = store.load(community, line.orElse(CodexLine.CODEX_V1));
            if (line.isPresent() && state.line() != line.get()) {
                state = new LineChange(store, community, cipher).apply(state, line.get());
            }
            return state;
        } catch (IOException e) {
            throw StorageErrors.of("read the Codex state of " + community, e);
        } catch (RuntimeException e) {
            throw new StorageException("cannot read the Codex state of " + community + ": " + e, false, e);
        }
    }

    /** The node's line; empty when it cannot be detected now (the node is down): the saved state is used as is. */
    private Optional<CodexLine> nodeLine() {
        try {
            return Optional.of(client.line());
        } catch (IOException e) {
            LOG.debug("the line of the Codex node at {} is unknown now: {}", client.apiRoot(), e.toString());
            return Optional.empty();
        }
    }

    synchronized void save(CommunityId community, CommunityState state) throws StorageException {
        try {
            store.save(community, state);
        } catch (IOException e) {
            throw StorageErrors.of("save the Codex state of " + community, e);
        }
    }
}

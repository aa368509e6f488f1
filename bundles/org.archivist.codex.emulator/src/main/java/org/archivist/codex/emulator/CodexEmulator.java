package org.archivist.codex.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An emulated Codex node speaking the REST API of {@code /api/codex/v1} (section 1 of the Codex spec, without
 * the marketplace) or, with the {@code /api/storage/v1} prefix, the current Logos Storage line (section 1.10:
 * its manifest wire format and CIDs, {@code blockSize}, {@code advertise}, background downloads with ids,
 * progress and cancel, its validation order and messages), with real CIDs, the node's status codes and quirks, a disk-backed block store with quota
 * and TTL, a block exchange with its peers, and fault injection ({@link #faults()}, or
 * {@code POST /admin/faults?...} over HTTP).
 */
public final class CodexEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CodexEmulator.class);
    static final int DEFAULT_BLOCK_SIZE = 65536;
    static final String NOT_LOCAL = "The requested CID could not be retrieved (Block not found in local store).";

    private final EmulatorConfig config;
    private final Path dataDir;
    private final boolean tempDir;
    private final BlockRepo repo;
    private final java.util.concurrent.atomic.AtomicLong uploads = new java.util.concurrent.atomic.AtomicLong();
    private final PeerExchange exchange;
    private final boolean storageLine;
    private final BackgroundDownloads downloads = new BackgroundDownloads();
    private final Faults faults = new Faults();
    private final String peerId;
    private final ThreadPoolExecutor workers;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Throwable fatal;
    private final ExecutorService background = Executors.newFixedThreadPool(2, daemon("codex-emulator-fetch"));
    private final ScheduledExecutorService maintenance = Executors.newSingleThreadScheduledExecutor(
            daemon("codex-emulator-maintenance"));
    private final HttpServer server;
    private volatile boolean running;
    private volatile String logLevel = "INFO";

    private CodexEmulator(EmulatorConfig config) throws IOException {
        this.config = config;
        this.tempDir = config.dataDir == null;
        this.dataDir = tempDir ? Files.createTempDirectory("codex-emulator") : Files.createDirectories(config.dataDir);
        this.repo = new BlockRepo(dataDir, ManifestFormat.forPrefix(config.apiPrefix), config.clock, config.blockTtl, config.quotaMaxBytes);
        this.storageLine = ManifestFormat.forPrefix(config.apiPrefix) == ManifestFormat.STORAGE;
        this.exchange = new PeerExchange(repo, config.peers, config.blockRetries, config.retryDelay);
        this.peerId = loadPeerId(dataDir.resolve("key"));
        this.server = HttpServer.create(new InetSocketAddress(config.bindAddress, config.port), 64);
        // A fixed number of threads: stalled clients queue up (a few bytes each) instead of each taking a thread.
        this.workers = new ThreadPoolExecutor(config.maxThreads, config.maxThreads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemon("codex-emulator"));
        workers.allowCoreThreadTimeOut(true);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    /** Starts a node; close it to stop (a temporary data directory is then deleted). */
    public static CodexEmulator start(EmulatorConfig config) throws IOException {
        CodexEmulator node = new CodexEmulator(config);
        node.running = true;
        node.server.start();
        long every = config.maintenanceInterval.toMillis();
        if (every > 0) {
            node.maintenance.scheduleWithFixedDelay(node::maintainQuietly, every, every, TimeUnit.MILLISECONDS);
        }
        LOG.info("Codex emulator {} listening on {} (data in {})", node.peerId, node.baseUri(), node.dataDir);
        return node;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080} (peers are given this). */
    public URI baseUri() {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getHostString() + ":" + a.getPort());
    }

    /** The API root, e.g. {@code http://127.0.0.1:8080/api/codex/v1}. */
    public URI apiUri() {
        return URI.create(baseUri() + config.apiPrefix);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Faults faults() {
        return faults;
    }

    public String peerId() {
        return peerId;
    }

    public Path dataDir() {
        return dataDir;
    }

    public void addPeer(URI baseUrl) {
        exchange.addPeer(baseUrl);
    }

    /** Deletes the blocks whose TTL has passed (as the node's maintainer does every {@code --block-mi}). */
    public int runMaintenance() throws IOException {
        return repo.sweepExpired();
    }

    /** Bytes counted against the quota: padded blocks plus manifests. */
    public long usedBytes() {
        return repo.usedBytes();
    }

    /** Uploads ({@code POST /data}) answered 200 since this node started. */
    public long uploadCount() {
        return uploads.get();
    }

    /** Blocks in the local store: data blocks plus manifests. */
    public long blockCount() {
        return repo.totalBlocks();
    }

    /** Whether a block (data block or manifest) is in the local store. */
    public boolean hasLocally(String cid) {
        return repo.has(NodeCid.parse(cid));
    }

    /** When a stored block expires, if it is stored. */
    public Optional<java.time.Instant> expiry(String cid) {
        return repo.expiry(NodeCid.parse(cid));
    }

    private void maintainQuietly() {
        try {
            int n = repo.sweepExpired();
            if (n > 0) {
                LOG.info("maintenance deleted {} expired blocks", n);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("maintenance failed: {}", e.toString());
        }
    }

    /** The number of threads serving requests now (never more than the configured maximum). */
    public int serviceThreads() {
        return workers.getPoolSize();
    }

    /**
     * Waits until the node has stopped: closed, or brought down by a fatal error (a VirtualMachineError in a
     * handler, after which it stops listening rather than linger half-alive). Returns that error, if any.
     */
    public Optional<Throwable> awaitStop() throws InterruptedException {
        stopped.await();
        return Optional.ofNullable(fatal);
    }

    public boolean awaitStop(long timeout, TimeUnit unit) throws InterruptedException {
        return stopped.await(timeout, unit);
    }

    private void die(Throwable error) {
        fatal = error;
        LOG.error("Codex emulator stops after a fatal error in a handler: {}", error.toString());
        Thread stopper = new Thread(this::close, "codex-emulator-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    @Override
    public void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        running = false;
        downloads.cancelAll();
        faults.wakeAll();
        server.stop(0);
        maintenance.shutdownNow();
        workers.shutdownNow();
        background.shutdownNow();
        if (tempDir) {
            deleteTree(dataDir);
        }
        stopped.countDown();
    }

    // ---------------------------------------------------------------- routing

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        try {
            if (path.startsWith("/admin/")) {
                admin(ex, path.substring("/admin".length()));
                return;
            }
            if (faults.offline()) {
                throw new IOException("offline (injected)");
            }
            faults.delay();
            faults.awaitHang(() -> running);
            if (!running) {
                throw new IOException("node stopping");
            }
            faults.throwIfInjected();
            if (faults.takeFailure()) {
                drain(ex);
                text(ex, 500, "Injected fault");
                return;
            }
            if (path.startsWith(PeerExchange.PATH + "/")) {
                exchangeRoute(ex, path.substring(PeerExchange.PATH.length()));
            } else if (path.startsWith(config.apiPrefix + "/")) {
                api(ex, path.substring(config.apiPrefix.length()));
            } else {
                text(ex, 404, "Not Found");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (VirtualMachineError e) {
            die(e);
        } catch (RuntimeException | Error e) {
            LOG.warn("handler failed on {} {}: {}", ex.getRequestMethod(), path, e.toString());
            try {
                text(ex, 500, "Internal error");
            } catch (IOException | RuntimeException ignored) {
                // headers were already sent: the client sees a cut answer
            }
        } finally {
            ex.close();
        }
    }

    private void api(HttpExchange ex, String path) throws IOException, InterruptedException {
        String method = ex.getRequestMethod();
        String[] seg = path.substring(1).split("/", -1);
        for (int i = 0; i < seg.length; i++) {
            seg[i] = URLDecoder.decode(seg[i], StandardCharsets.UTF_8);
        }
        if (!storageLine && (seg[0].equals("sales") || seg[0].equals("storage"))) {
            text(ex, 503, "Persistence is not enabled");
            return;
        }
        switch (seg[0]) {
            case "data" -> data(ex, method, seg);
            case "space" -> only(ex, method, "GET", () -> space(ex));
            case "peerid" -> only(ex, method, "GET", () -> peerIdRoute(ex));
            case "spr" -> only(ex, method, "GET", () -> sprRoute(ex));
            case "connect" -> only(ex, method, "GET", () -> connect(ex, seg.length > 1 ? seg[1] : ""));
            case "debug" -> debug(ex, method, seg);
            default -> text(ex, 404, "Not Found");
        }
    }

    private void data(HttpExchange ex, String method, String[] seg) throws IOException, InterruptedException {
        if (seg.length == 1) {
            switch (method) {
                case "POST" -> upload(ex);
                case "GET" -> list(ex);
                case "OPTIONS" -> noContent(ex);
                default -> text(ex, 405, "Method Not Allowed");
            }
            return;
        }
        NodeCid cid;
        try {
            cid = NodeCid.parse(seg[1]);
        } catch (NodeCid.Invalid e) {
            text(ex, 400, "Incorrect Cid");
            return;
        }
        String rest = String.join("/", java.util.Arrays.copyOfRange(seg, 2, seg.length));
        if (storageLine && seg.length == 5 && seg[2].equals("network") && seg[3].equals("progress")
                && method.equals("GET")) {
            progress(ex, cid, seg[4]);
            return;
        }
        if (storageLine && seg.length == 4 && seg[2].equals("network") && method.equals("DELETE")) {
            cancelDownload(ex, cid, seg[3]);
            return;
        }
        try {
            switch (method + " " + rest) {
                case "GET " -> download(ex, cid, true);
                case "DELETE " -> delete(ex, cid);
                case "OPTIONS " -> noContent(ex);
                case "GET exists" -> exists(ex, cid);
                case "POST network" -> fetch(ex, cid);
                case "GET network/stream" -> {
                    if (storageLine) {
                        QueryParams q = new QueryParams(query(ex));
                        q.bool("advertise");
                        q.transport();
                    }
                    download(ex, cid, false);
                }
                case "GET network/manifest" -> networkManifest(ex, cid);
                case "GET advertise", "POST advertise" -> {
                    if (storageLine) {
                        advertise(ex, cid, method.equals("POST"));
                    } else {
                        text(ex, 404, "Not Found");
                    }
                }
                default -> text(ex, 404, "Not Found");
            }
        } catch (QueryParams.Bad e) {
            drain(ex);
            text(ex, 400, e.getMessage());
        }
    }

    private static void noContent(HttpExchange ex) throws IOException {
        drain(ex);
        ex.sendResponseHeaders(204, -1);
    }

    @FunctionalInterface
    private interface Route {
        void run() throws IOException, InterruptedException;
    }

    private void only(HttpExchange ex, String method, String expected, Route route)
            throws IOException, InterruptedException {
        if (!method.equals(expected)) {
            text(ex, 405, "Method Not Allowed");
            return;
        }
        route.run();
    }

    // ---------------------------------------------------------------- data

    private void upload(HttpExchange ex) throws IOException {
        int blockSize = DEFAULT_BLOCK_SIZE;
        Optional<Boolean> advertise = Optional.empty();
        QueryParams params = new QueryParams(query(ex));
        if (storageLine) {
            try {
                blockSize = params.blockSize().orElse(DEFAULT_BLOCK_SIZE);
            } catch (QueryParams.Bad e) {
                drain(ex);
                text(ex, 400, e.getMessage());
                return;
            }
        }
        String mimetype = ex.getRequestHeaders().getFirst("Content-Type");
        if (mimetype != null && mimetype.isEmpty()) {
            mimetype = null;
        }
        if (mimetype != null && !UploadRules.validMimeType(mimetype)) {
            drain(ex);
            text(ex, 422, "The MIME type '" + mimetype + "' is not valid.");
            return;
        }
        Optional<String> filename = UploadRules.filename(ex.getRequestHeaders().getFirst("Content-Disposition"));
        if (filename.isPresent() && !UploadRules.validFilename(filename.get())) {
            drain(ex);
            text(ex, 422, "The filename is not valid.");
            return;
        }
        if (storageLine) {
            String tooLong = filename.isPresent() && filename.get().getBytes(StandardCharsets.UTF_8).length > 255
                    ? "Filename exceeds maximum size of 255 bytes"
                    : mimetype != null && mimetype.getBytes(StandardCharsets.UTF_8).length > 128
                            ? "Mimetype exceeds maximum size of 128 bytes" : null;
            if (tooLong != null) {
                drain(ex);
                text(ex, 422, tooLong);
                return;
            }
            try {
                advertise = params.bool("advertise");
            } catch (QueryParams.Bad e) {
                drain(ex);
                text(ex, 400, e.getMessage());
                return;
            }
        }
        List<byte[]> leaves;
        long[] size = {0};
        try (InputStream in = ex.getRequestBody()) {
            leaves = NodeTree.chunk(in, blockSize, (blockCid, block) -> repo.put(blockCid, block, block.length),
                    size);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Unable to store block")) {
                text(ex, 500, e.getMessage());
                return;
            }
            throw e;
        }
        if (leaves.isEmpty()) {
            text(ex, 500, "Empty leaves");
            return;
        }
        NodeManifest manifest = new NodeManifest(NodeTree.treeCid(leaves), blockSize, size[0],
                filename.orElse(null), mimetype);
        byte[] encoded = repo.format().encode(manifest);
        NodeCid cid = NodeCid.of(NodeCid.MANIFEST, Sha.sha256(encoded));
        try {
            repo.putTree(manifest.tree(), leaves);
            repo.put(cid, encoded, encoded.length);
            if (advertise.isPresent()) {
                repo.setAdvertised(cid, advertise.get());
            }
        } catch (IOException e) {
            text(ex, 500, e.getMessage());
            return;
        }
        LOG.debug("stored {} ({} bytes, {} blocks)", cid, size[0], leaves.size());
        uploads.incrementAndGet();
        text(ex, 200, cid.toString());
    }

    private void list(HttpExchange ex) throws IOException {
        StringBuilder json = new StringBuilder("{\"content\":[");
        boolean first = true;
        for (NodeCid cid : repo.manifests()) {
            Optional<NodeManifest> m = repo.manifest(cid);
            if (m.isEmpty()) {
                continue;
            }
            json.append(first ? "" : ",").append(item(cid, m.get()));
            first = false;
        }
        json(ex, 200, json.append("]}").toString());
    }

    private void download(HttpExchange ex, NodeCid cid, boolean local) throws IOException, InterruptedException {
        Optional<NodeManifest> found = local ? repo.manifest(cid) : exchange.manifest(cid);
        if (found.isEmpty()) {
            if (local) {
                text(ex, 404, NOT_LOCAL);
            } else {
                text(ex, 500, "Error retries exhausted");
            }
            return;
        }
        NodeManifest manifest = found.get();
        boolean localBlocks = local && !storageLine; // the current line's local route fetches missing blocks
        Optional<List<byte[]>> leaves = localBlocks ? repo.treeLeaves(manifest.tree()).map(NodeTree::split)
                : exchange.leaves(manifest);
        if (leaves.isEmpty()) {
            text(ex, local ? 404 : 500, local ? NOT_LOCAL : "Error retries exhausted");
            return;
        }
        ex.getResponseHeaders().set("Content-Type",
                manifest.mimetype() != null ? manifest.mimetype() : "application/octet-stream");
        ex.getResponseHeaders().set("Content-Disposition",
                manifest.filename() != null ? "attachment; filename=\"" + manifest.filename() + "\"" : "attachment");
        if (!local) {
            ex.getResponseHeaders().set("Access-Control-Expose-Headers", "Content-Disposition");
        }
        long size = manifest.datasetSize();
        long cut = faults.takeTruncation();
        long stall = faults.takeStall();
        ex.sendResponseHeaders(200, size);
        OutputStream out = ex.getResponseBody();
        long sent = 0;
        for (byte[] leaf : leaves.get()) {
            NodeCid blockCid = NodeCid.of(NodeCid.BLOCK, leaf);
            Optional<byte[]> block = localBlocks ? repo.read(blockCid) : exchange.block(blockCid);
            if (block.isEmpty()) {
                out.flush();
                throw new IOException("block " + blockCid + " unavailable after " + sent + " bytes");
            }
            int n = (int) Math.min(block.get().length, size - sent);
            if (stall >= 0 && sent + n > stall) {
                out.write(block.get(), 0, (int) (stall - sent));
                out.flush();
                faults.stall(() -> running);
                throw new IOException("stalled download ended (injected)");
            }
            if (cut >= 0 && sent + n > cut) {
                out.write(block.get(), 0, (int) (cut - sent));
                out.flush();
                throw new IOException("download cut after " + cut + " bytes (injected)");
            }
            out.write(block.get(), 0, n);
            sent += n;
        }
        out.close();
    }

    private void delete(HttpExchange ex, NodeCid cid) throws IOException {
        Optional<NodeManifest> manifest = repo.manifest(cid);
        if (manifest.isPresent()) {
            repo.treeLeaves(manifest.get().tree()).map(NodeTree::split).ifPresent(leaves -> {
                for (byte[] leaf : leaves) {
                    try {
                        repo.delete(NodeCid.of(NodeCid.BLOCK, leaf));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
        }
        repo.delete(cid);
        ex.sendResponseHeaders(204, -1);
    }

    private void exists(HttpExchange ex, NodeCid cid) throws IOException {
        json(ex, 200, "{" + Json.string(cid.toString()) + ":" + repo.has(cid) + "}");
    }

    private void fetch(HttpExchange ex, NodeCid cid) throws IOException, InterruptedException, QueryParams.Bad {
        String transport = "direct";
        if (storageLine) {
            QueryParams q = new QueryParams(query(ex));
            transport = q.transport();
            q.bool("advertise");
        }
        Optional<NodeManifest> manifest = exchange.manifest(cid);
        if (manifest.isEmpty()) {
            text(ex, 404, cid.isManifest() ? "Unable to fetch manifest for cid: " + cid
                    : "CID has invalid content type for manifest");
            return;
        }
        NodeManifest m = manifest.get();
        String body = "{\"cid\":" + Json.string(cid.toString()) + ",\"manifest\":" + item(m);
        if (storageLine) {
            Map.Entry<BackgroundDownloads.Download, Boolean> started = downloads.start(m.tree(), transport,
                    m.blockCount());
            if (started.getValue()) {
                BackgroundDownloads.Download d = started.getKey();
                background.submit(() -> fetchBlocks(cid, m, d));
            }
            body += ",\"downloadId\":" + started.getKey().id;
        } else {
            background.submit(() -> fetchBlocks(cid, m, null));
        }
        json(ex, 200, body + "}");
    }

    /** The background part of a fetch: every block into the local store, counted when tracked. */
    private void fetchBlocks(NodeCid cid, NodeManifest m, BackgroundDownloads.Download tracked) {
        try {
            Optional<List<byte[]>> leaves = exchange.leaves(m);
            if (leaves.isEmpty()) {
                LOG.warn("fetch of {}: tree {} unavailable", cid, m.tree());
                return;
            }
            long left = m.datasetSize();
            for (byte[] leaf : leaves.get()) {
                if (tracked != null && tracked.cancelled || !running) {
                    return;
                }
                if (exchange.block(NodeCid.of(NodeCid.BLOCK, leaf)).isEmpty()) {
                    LOG.warn("fetch of {}: a block is unavailable, giving up", cid);
                    return;
                }
                if (tracked != null) {
                    tracked.receivedBlocks.incrementAndGet();
                    tracked.bytes.addAndGet(Math.min(left, m.blockSize()));
                }
                left -= m.blockSize();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.warn("fetch of {} failed: {}", cid, e.toString());
        } finally {
            if (tracked != null) {
                downloads.finished(tracked);
            }
        }
    }

    private static OptionalLong downloadId(String text) {
        if (!text.matches("[0-9]{1,20}")) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseUnsignedLong(text));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private void progress(HttpExchange ex, NodeCid tree, String idText) throws IOException {
        OptionalLong id = downloadId(idText);
        if (id.isEmpty()) {
            text(ex, 400, "Invalid download ID");
            return;
        }
        Optional<BackgroundDownloads.Download> d = downloads.find(tree, id.getAsLong());
        if (d.isEmpty()) {
            json(ex, 200, "{\"active\":false}");
            return;
        }
        json(ex, 200, "{\"active\":true,\"received\":" + d.get().receivedBlocks.get() + ",\"total\":"
                + d.get().totalBlocks + ",\"bytes\":" + d.get().bytes.get() + "}");
    }

    private void cancelDownload(HttpExchange ex, NodeCid tree, String idText) throws IOException {
        OptionalLong id = downloadId(idText);
        if (id.isEmpty()) {
            text(ex, 400, "Invalid download ID");
        } else if (downloads.cancel(tree, id.getAsLong())) {
            ex.sendResponseHeaders(204, -1);
        } else {
            text(ex, 404, "Background download not found");
        }
    }

    private void advertise(HttpExchange ex, NodeCid cid, boolean set) throws IOException, QueryParams.Bad {
        Optional<Boolean> value = Optional.empty();
        if (set) {
            value = new QueryParams(query(ex)).bool("advertise");
            if (value.isEmpty()) {
                throw new QueryParams.Bad("Missing advertise parameter");
            }
        }
        if (!cid.isManifest()) {
            text(ex, 400, "CID is not a manifest");
            return;
        }
        if (repo.manifest(cid).isEmpty()) {
            text(ex, 404, "Dataset not found");
            return;
        }
        if (value.isPresent()) {
            repo.setAdvertised(cid, value.get());
        }
        json(ex, 200, "{\"cid\":" + Json.string(cid.toString()) + ",\"advertise\":" + repo.advertised(cid) + "}");
    }

    private void networkManifest(HttpExchange ex, NodeCid cid) throws IOException, InterruptedException {
        if (!cid.isManifest()) {
            text(ex, 404, "CID has invalid content type for manifest");
            return;
        }
        Optional<NodeManifest> manifest = exchange.manifest(cid);
        if (manifest.isEmpty()) {
            text(ex, 404, "Unable to fetch manifest for cid: " + cid);
            return;
        }
        json(ex, 200, "{\"cid\":" + Json.string(cid.toString()) + ",\"manifest\":" + item(manifest.get()) + "}");
    }

    private String item(NodeCid cid, NodeManifest m) {
        return "{\"cid\":" + Json.string(cid.toString()) + ",\"manifest\":" + item(m) + "}";
    }

    private String item(NodeManifest m) {
        if (storageLine) {
            return "{\"manifestVersion\":0,\"treeCid\":" + Json.string(m.tree().toString()) + ",\"blockSize\":"
                    + m.blockSize() + ",\"datasetSize\":" + m.datasetSize() + ",\"filename\":"
                    + Json.string(m.filename()) + ",\"mimetype\":" + Json.string(m.mimetype()) + "}";
        }
        return "{\"treeCid\":" + Json.string(m.tree().toString()) + ",\"datasetSize\":" + m.datasetSize()
                + ",\"blockSize\":" + m.blockSize() + ",\"filename\":" + Json.string(m.filename())
                + ",\"mimetype\":" + Json.string(m.mimetype())
                + (config.apiPrefix.equals(EmulatorConfig.CODEX_PREFIX) ? ",\"protected\":false" : "") + "}";
    }

    // ---------------------------------------------------------------- node

    private void space(HttpExchange ex) throws IOException {
        json(ex, 200, "{\"totalBlocks\":" + repo.totalBlocks() + ",\"quotaMaxBytes\":" + repo.quotaMax()
                + ",\"quotaUsedBytes\":" + repo.usedBytes() + ",\"quotaReservedBytes\":0}");
    }

    private void peerIdRoute(HttpExchange ex) throws IOException {
        String accept = ex.getRequestHeaders().getFirst("Accept");
        if (accept != null && accept.contains("text/plain")) {
            text(ex, 200, peerId);
        } else {
            json(ex, 200, "{\"id\":" + Json.string(peerId) + "}");
        }
    }

    private String spr() {
        return "spr:" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                (peerId + "@" + baseUri()).getBytes(StandardCharsets.UTF_8));
    }

    private void sprRoute(HttpExchange ex) throws IOException {
        String accept = ex.getRequestHeaders().getFirst("Accept");
        if (accept != null && accept.contains("text/plain")) {
            text(ex, 200, spr());
        } else {
            json(ex, 200, "{\"spr\":" + Json.string(spr()) + "}");
        }
    }

    private void connect(HttpExchange ex, String targetPeer) throws IOException, InterruptedException {
        List<String> addrs = query(ex).getOrDefault("addrs", List.of());
        List<URI> candidates = new ArrayList<>();
        if (addrs.isEmpty()) {
            candidates.addAll(exchange.peers());
        } else {
            for (String addr : addrs) {
                String[] p = addr.split("/");
                if (p.length >= 5 && (p[1].equals("ip4") || p[1].equals("dns4")) && p[3].equals("tcp")) {
                    candidates.add(URI.create("http://" + p[2] + ":" + p[4]));
                }
            }
        }
        for (URI candidate : candidates) {
            if (targetPeer.equals(remotePeerId(candidate))) {
                exchange.addPeer(candidate);
                text(ex, 200, "Successfully connected to peer");
                return;
            }
        }
        text(ex, 400, addrs.isEmpty() ? "Unable to find Peer!" : "Unable to dial peer");
    }

    private String remotePeerId(URI base) throws InterruptedException {
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(URI.create(base + config.apiPrefix + "/peerid"))
                            .header("Accept", "text/plain").timeout(java.time.Duration.ofSeconds(5)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body().strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void debug(HttpExchange ex, String method, String[] seg) throws IOException {
        if (seg.length == 2 && seg[1].equals("info") && method.equals("GET") && storageLine) {
            json(ex, 200, storageDebugInfo());
        } else if (seg.length == 2 && seg[1].equals("info") && method.equals("GET")) {
            String addr = "/ip4/127.0.0.1/tcp/" + port();
            StringBuilder nodes = new StringBuilder();
            for (URI peer : exchange.peers()) {
                nodes.append(nodes.length() == 0 ? "" : ",").append("{\"address\":").append(Json.string(peer.toString()))
                        .append("}");
            }
            json(ex, 200, "{\n  \"id\": " + Json.string(peerId) + ",\n  \"addrs\": [" + Json.string(addr)
                    + "],\n  \"repo\": " + Json.string(dataDir.toString()) + ",\n  \"spr\": " + Json.string(spr())
                    + ",\n  \"announceAddresses\": [" + Json.string(addr) + "],\n  \"table\": {\"localNode\": {"
                    + "\"nodeId\": " + Json.string(HexFormat.of().formatHex(Sha.sha256(peerId.getBytes(
                            StandardCharsets.UTF_8)))) + ", \"peerId\": " + Json.string(peerId) + ", \"record\": "
                    + Json.string(spr()) + ", \"address\": " + Json.string("127.0.0.1:" + port())
                    + ", \"seen\": false}, \"nodes\": [" + nodes + "]},\n  \"codex\": {\"version\": "
                    + "\"v0.2.5-archivist-emulator\", \"revision\": \"emulator\", \"contracts\": {}},\n"
                    + "  \"logLevel\": " + Json.string(logLevel) + "\n}");
        } else if (seg.length == 3 && seg[1].equals("chronicles") && seg[2].equals("loglevel") && method.equals("POST")) {
            List<String> level = query(ex).getOrDefault("level", List.of());
            if (level.isEmpty() || level.get(0).isBlank()) {
                text(ex, 400, "Missing log level");
                return;
            }
            logLevel = level.get(0);
            ex.sendResponseHeaders(200, -1);
        } else {
            text(ex, 404, "Not Found");
        }
    }

    /** The current line's {@code /debug/info} shape (section 1.10). */
    private String storageDebugInfo() {
        String addr = "/ip4/127.0.0.1/tcp/" + port();
        StringBuilder nodes = new StringBuilder();
        StringBuilder connections = new StringBuilder();
        for (URI peer : exchange.peers()) {
            String sep = nodes.length() == 0 ? "" : ",";
            nodes.append(sep).append("{\"peerId\":null,\"addresses\":[").append(Json.string(peer.toString()))
                    .append("],\"lastSeen\":null}");
            connections.append(sep).append("{\"peerId\":null,\"direct\":true}");
        }
        return "{\n  \"id\": " + Json.string(peerId) + ",\n  \"addrs\": [" + Json.string(addr) + "],\n  \"spr\": "
                + Json.string(spr()) + ",\n  \"libp2pPubKey\": " + Json.string(peerId) + ",\n  \"mixPubKey\": null,"
                + "\n  \"table\": {\"localNode\": {\"nodeId\": " + Json.string(HexFormat.of().formatHex(Sha.sha256(
                        peerId.getBytes(StandardCharsets.UTF_8)))) + ", \"peerId\": " + Json.string(peerId)
                + ", \"record\": " + Json.string(spr()) + ", \"address\": " + Json.string("127.0.0.1:" + port())
                + ", \"seen\": false}, \"nodes\": [" + nodes + "]},\n  \"storage\": {\"version\": "
                + "\"v0.3.0-archivist-emulator\", \"revision\": \"emulator\"},\n  \"nat\": {\"reachability\": "
                + "\"unknown\", \"clientMode\": false, \"relayRunning\": false, \"portMapping\": null},\n"
                + "  \"connections\": [" + connections + "],\n  \"privateQueries\": false,\n  \"logLevel\": "
                + Json.string(logLevel) + "\n}";
    }

    // ---------------------------------------------------------------- block exchange and admin

    private void exchangeRoute(HttpExchange ex, String path) throws IOException {
        String[] seg = path.substring(1).split("/");
        NodeCid cid;
        try {
            cid = NodeCid.parse(seg.length == 2 ? seg[1] : "");
        } catch (NodeCid.Invalid e) {
            text(ex, 400, "Incorrect Cid");
            return;
        }
        Optional<byte[]> data = switch (seg[0]) {
            case "block" -> cid.isManifest() && !repo.advertised(cid) ? Optional.empty() : repo.read(cid);
            case "tree" -> repo.treeLeaves(cid);
            default -> Optional.empty();
        };
        if (data.isEmpty()) {
            text(ex, 404, "not here");
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        ex.sendResponseHeaders(200, data.get().length);
        ex.getResponseBody().write(data.get());
    }

    private void admin(HttpExchange ex, String path) throws IOException {
        if (path.equals("/faults")) {
            if (ex.getRequestMethod().equals("DELETE")) {
                faults.clear();
            } else if (ex.getRequestMethod().equals("POST")) {
                try {
                    applyFaults(query(ex));
                } catch (IllegalArgumentException e) {
                    text(ex, 400, "bad fault: " + e.getMessage());
                    return;
                }
            }
            json(ex, 200, faults.toString());
        } else if (path.equals("/maintenance") && ex.getRequestMethod().equals("POST")) {
            json(ex, 200, "{\"deleted\":" + repo.sweepExpired() + "}");
        } else if (path.equals("/peers") && ex.getRequestMethod().equals("POST")) {
            for (String peer : query(ex).getOrDefault("url", List.of())) {
                exchange.addPeer(URI.create(peer));
            }
            json(ex, 200, "{\"peers\":" + exchange.peers().size() + "}");
        } else {
            text(ex, 404, "Not Found");
        }
    }

    private void applyFaults(Map<String, List<String>> q) {
        q.forEach((key, values) -> {
            String v = values.get(0);
            switch (key) {
                case "latencyMs" -> faults.latency(Long.parseLong(v));
                case "failNext" -> faults.failNext(Integer.parseInt(v));
                case "failAlways" -> faults.failAlways(Boolean.parseBoolean(v));
                case "truncateAfterBytes" -> faults.truncateNext(Integer.parseInt(
                        q.getOrDefault("truncateNext", List.of("1")).get(0)), Long.parseLong(v));
                case "hang" -> faults.hang(Boolean.parseBoolean(v));
                case "stallAfterBytes" -> faults.stallNext(Integer.parseInt(
                        q.getOrDefault("stallNext", List.of("1")).get(0)), Long.parseLong(v));
                case "stallNext" -> { }
                case "offline" -> faults.offline(Boolean.parseBoolean(v));
                case "throwNext" -> faults.throwNext(v);
                case "truncateNext" -> { }
                default -> throw new IllegalArgumentException("unknown fault " + key);
            }
        });
    }

    // ---------------------------------------------------------------- helpers

    /** Reads the rest of a request body, so that a client still sending it sees the answer, not a reset. */
    private static void drain(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static Map<String, List<String>> query(HttpExchange ex) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private static void text(HttpExchange ex, int status, String body) throws IOException {
        send(ex, status, status >= 400 ? "text/html; charset=utf-8" : "text/plain; charset=utf-8", body);
    }

    private static void json(HttpExchange ex, int status, String body) throws IOException {
        send(ex, status, "application/json", body);
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
    }

    private static String loadPeerId(Path keyFile) throws IOException {
        byte[] key;
        if (Files.exists(keyFile)) {
            key = HexFormat.of().parseHex(Files.readString(keyFile).strip());
        } else {
            key = new byte[33];
            new SecureRandom().nextBytes(key);
            key[0] = 0x02;
            Files.writeString(keyFile, HexFormat.of().formatHex(key));
        }
        byte[] id = new byte[6 + key.length];
        id[0] = 0x00;
        id[1] = 0x25;
        id[2] = 0x08;
        id[3] = 0x02;
        id[4] = 0x12;
        id[5] = 0x21;
        System.arraycopy(key, 0, id, 6, key.length);
        return Base58btc.encode(id);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private static void deleteTree(Path root) {
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", root, e.toString());
        }
    }
}

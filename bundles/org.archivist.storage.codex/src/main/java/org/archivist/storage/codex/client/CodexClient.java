package org.archivist.storage.codex.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.hc.client5.http.classic.methods.HttpDelete;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.archivist.storage.codex.cid.Cid;
import org.archivist.storage.codex.cid.CodexLine;
import org.archivist.storage.codex.cid.CodexManifest;
import org.archivist.storage.codex.cid.ContentKey;
import org.archivist.storage.codex.cid.DatasetHasher;
import org.archivist.storage.codex.cid.DatasetTree;
import org.archivist.storage.codex.cid.InvalidCidException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Codex node's REST API, streaming and verified:
 *
 * <pre>{@code
 * try (CodexClient codex = CodexClient.create(URI.create("http://127.0.0.1:8080"))) {
 *     String cid = codex.upload(Path.of("archive.bin"));
 *     codex.download(cid, Path.of("copy.bin"));
 * }
 * }</pre>
 *
 * Speaks both node lines ({@link CodexLine}): {@code /api/codex/v1} and the current Logos Storage
 * {@code /api/storage/v1}, configured or detected on first use from {@code /debug/info}. Uploads stream from the
 * file and check the CID the node answers against the one computed on the way out with the node's manifest
 * format. Downloads stream into a temporary file next to the target while another thread hashes them, then
 * check the byte count and the content against the manifest's tree CID and dataset size (the manifest itself
 * checked against the CID), fsync, and only then move it into place atomically. Idempotent calls are retried
 * with exponential backoff and jitter; a truncated download starts again from byte 0 into a fresh temporary
 * file. Thread-safe.
 */
public final class CodexClient implements AutoCloseable {
    public static final String OCTET_STREAM = "application/octet-stream";
    private static final Logger LOG = LoggerFactory.getLogger(CodexClient.class);
    private static final int BUFFER = 64 * 1024;

    private final CodexClientConfig config;
    private volatile NodeLine node;
    private final CloseableHttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final ScheduledExecutorService timer;

    private CodexClient(CodexClientConfig config) {
        this.config = config;
        if (config.line().isPresent() || config.apiPrefix().isPresent()) {
            this.node = config.line().isPresent()
                    ? new NodeLine(config.line().get(), root(config.apiPrefix().orElse(config.line().get().apiPrefix())))
                    : null;
        }
        ConnectionConfig connection = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(config.connectTimeout()))
                .setSocketTimeout(Timeout.of(config.readTimeout()))
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(connection).setMaxConnTotal(32).setMaxConnPerRoute(32).build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(config.readTimeout()))
                        .setRedirectsEnabled(false).build())
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .setUserAgent("archivist-codex-client")
                .build();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "codex-client-deadlines");
            t.setDaemon(true);
            return t;
        });
    }

    /** A client for the node at {@code uri} ({@code http://host:port}, or the full API root) with defaults. */
    public static CodexClient create(URI uri) {
        return new CodexClient(CodexClientConfig.builder(uri).build());
    }

    public static CodexClient create(CodexClientConfig config) {
        return new CodexClient(config);
    }

    /**
     * The API root in use: once the line is known (configured or detected), its root; before, the configured
     * root (see {@link CodexClientConfig#apiRoot()}).
     */
    public URI apiRoot() {
        NodeLine n = node;
        return n != null ? URI.create(n.root()) : config.apiRoot();
    }

    /** The node's line, detected on the first call when it was not configured. */
    public CodexLine line() throws IOException {
        return node().line();
    }

    private record NodeLine(CodexLine line, String root) {
    }

    private String root(String prefix) {
        return config.baseUri().toString().replaceAll("/+$", "") + prefix;
    }

    private NodeLine node() throws IOException {
        NodeLine n = node;
        if (n != null) {
            return n;
        }
        synchronized (this) {
            if (node == null) {
                node = withRetries("detect the node's line", true, Optional.empty(), this::detect);
                LOG.info("Codex node at {} runs the {} line", config.baseUri(), node.line());
            }
            return node;
        }
    }

    /**
     * With a configured prefix of no known line, reads the line from that prefix's {@code /debug/info}
     * ({@code storage{…}} on the current line, {@code codex{…}} before); without one, asks the current line's
     * prefix first, then the older one's.
     */
    private NodeLine detect() throws IOException {
        if (config.apiPrefix().isPresent()) {
            String r = root(config.apiPrefix().get());
            JsonNode info = debugInfo(r).orElseThrow(() -> new CodexNotFoundException(
                    "no Codex API at " + r + " (GET /debug/info answered 404)", 404));
            return new NodeLine(info.has("storage") ? CodexLine.STORAGE_V1 : CodexLine.CODEX_V1, r);
        }
        for (CodexLine line : new CodexLine[] {CodexLine.STORAGE_V1, CodexLine.CODEX_V1}) {
            String r = root(line.apiPrefix());
            if (debugInfo(r).isPresent()) {
                return new NodeLine(line, r);
            }
        }
        throw new CodexNotFoundException("no Codex API at " + config.baseUri() + " under " + CodexLine.STORAGE_V1
                .apiPrefix() + " or " + CodexLine.CODEX_V1.apiPrefix(), 404);
    }

    private Optional<JsonNode> debugInfo(String apiRoot) throws IOException {
        return execute(new HttpGet(apiRoot + "/debug/info"), Optional.empty(), response -> {
            String body = body(response);
            if (response.getCode() == 404 || response.getCode() == 405) {
                return Optional.empty();
            }
            if (response.getCode() != 200) {
                throw error("debug info", response.getCode(), body);
            }
            return Optional.of(readJson(body));
        });
    }

    // ---------------------------------------------------------------- upload

    /** Uploads a file under its own name as {@value #OCTET_STREAM}; returns the manifest CID. */
    public String upload(Path file) throws IOException {
        return upload(file, file.getFileName().toString(), OCTET_STREAM);
    }

    /**
     * Uploads a file (retried on transient failures: a CID names content, so a repeated upload is harmless).
     * {@code filename} and {@code mimetype} may be null; they become part of the manifest, hence of the CID.
     */
    public String upload(Path file, String filename, String mimetype) throws IOException {
        return upload(file, UploadOptions.DEFAULT.named(filename, mimetype));
    }

    /** Uploads a file with a block size and advertising choice (both of the current line only). */
    public String upload(Path file, UploadOptions options) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "not a regular file to upload");
        }
        return withRetries("upload " + file.getFileName(), true, Optional.empty(),
                () -> uploadOnce(new HashingEntity(file, options.blockSize()), options));
    }

    /** Uploads a stream once (a stream cannot be replayed, so no retry), chunked. */
    public String upload(InputStream in, String filename, String mimetype) throws IOException {
        return upload(in, UploadOptions.DEFAULT.named(filename, mimetype));
    }

    public String upload(InputStream in, UploadOptions options) throws IOException {
        return withRetries("upload stream", false, Optional.empty(),
                () -> uploadOnce(new HashingEntity(in, options.blockSize()), options));
    }

    private String uploadOnce(HashingEntity entity, UploadOptions options) throws IOException {
        String filename = options.filename();
        String mimetype = options.mimetype();
        checkHeaderValue("filename", filename);
        checkHeaderValue("MIME type", mimetype);
        NodeLine n = node();
        StringBuilder query = new StringBuilder();
        if (options.blockSize() != DatasetHasher.BLOCK_SIZE) {
            requireStorageLine(n, "a block size other than 64 KiB");
            query.append("&blockSize=").append(options.blockSize());
        }
        if (options.advertise().isPresent()) {
            requireStorageLine(n, "the advertise choice");
            query.append("&advertise=").append(options.advertise().get());
        }
        HttpPost post = new HttpPost(n.root() + "/data" + (query.length() > 0 ? "?" + query.substring(1) : ""));
        if (filename != null) {
            post.setHeader("Content-Disposition", "filename=\"" + filename + "\"");
        }
        if (mimetype != null) {
            post.setHeader("Content-Type", mimetype); // sent verbatim: the node validates and stores it as is
        }
        post.setEntity(entity);
        String cid = execute(post, Optional.empty(), response -> {
            String body = body(response);
            if (response.getCode() != 200) {
                throw error("upload", response.getCode(), body);
            }
            return body.strip();
        });
        DatasetTree tree = entity.tree();
        if (tree != null && tree.blockCount() > 0) {
            String expected = tree.manifest(filename, mimetype).cid(n.line()).toString();
            if (!expected.equals(cid)) {
                throw new CodexIntegrityException("the node answered CID " + cid + " for an upload whose CID is "
                        + expected + ": it did not store the bytes sent", null);
            }
        }
        return cid;
    }

    private static void requireStorageLine(NodeLine n, String what) throws CodexUnsupportedException {
        if (n.line() != CodexLine.STORAGE_V1) {
            throw new CodexUnsupportedException(what + " needs a node of the " + CodexLine.STORAGE_V1.apiPrefix()
                    + " line; this one runs " + n.line().apiPrefix());
        }
    }

    /** HTTP/1.1 header values travel as ASCII here; anything else would reach the node altered. */
    private static void checkHeaderValue(String what, String value) throws CodexRejectedException {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"') {
                throw new CodexRejectedException("the " + what + " '" + value + "' has a character ("
                        + (c == '"' ? "a quote" : "U+" + String.format("%04X", (int) c))
                        + ") that cannot be sent in an HTTP header", -1);
            }
        }
    }

    // ---------------------------------------------------------------- download

    /** Downloads a dataset to {@code target} (replaced atomically), verified; see {@link DownloadOptions}. */
    public Downloaded download(String cid, Path target) throws IOException {
        return download(cid, target, DownloadOptions.DEFAULT);
    }

    public Downloaded download(String cid, Path target, DownloadOptions options) throws IOException {
        Cid parsed = parse(cid);
        Optional<Cancellation> cancel = options.cancellation();
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean[] local = {switch (options.source()) {
            case LOCAL -> true;
            case NETWORK -> false;
            case AUTO -> existsQuietly(cid, cancel);
        }};
        return withRetries("download " + cid, true, cancel, () -> {
            boolean fromLocal = local[0];
            if (options.source() == DownloadOptions.Source.AUTO) {
                local[0] = false; // a failed local read is retried through the network
                if (fromLocal) {
                    try {
                        return downloadOnce(parsed, true, dir, target, options);
                    } catch (CodexNotFoundException e) {
                        // /exists is true once the manifest is local, before the blocks are: go to the network now
                        LOG.debug("{} is not wholly local ({}); fetching it through the network", cid, e.getMessage());
                        return downloadOnce(parsed, false, dir, target, options);
                    }
                }
            }
            return downloadOnce(parsed, fromLocal, dir, target, options);
        });
    }

    private Downloaded downloadOnce(Cid cid, boolean local, Path dir, Path target, DownloadOptions options)
            throws IOException {
        HttpGet get = new HttpGet(url("/data/" + cid + (local ? "" : "/network/stream")));
        return execute(get, options.cancellation(), response -> {
            if (response.getCode() != 200) {
                throw error("download " + cid + (local ? " (local)" : " (network)"), response.getCode(),
                        body(response));
            }
            HttpEntity entity = response.getEntity();
            long length = entity == null ? 0 : entity.getContentLength();
            String filename = dispositionFilename(response.getFirstHeader("Content-Disposition"));
            Header typeHeader = response.getFirstHeader("Content-Type");
            String mimetype = typeHeader == null ? null : typeHeader.getValue();
            Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
            try {
                long done;
                DatasetTree tree;
                try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE);
                        InputStream in = entity == null ? InputStream.nullInputStream() : entity.getContent();
                        PipelinedHasher hasher = new PipelinedHasher(DatasetHasher.BLOCK_SIZE)) {
                    done = copy(in, out, hasher, length, options);
                    if (length >= 0 && done != length) {
                        throw new CodexIntegrityException("download " + cid + " truncated: " + done + " of " + length
                                + " bytes", null);
                    }
                    tree = hasher.finish();
                    out.force(true);
                }
                ContentKey key = verify(cid, temp, tree, options);
                moveIntoPlace(temp, target);
                return new Downloaded(cid.toString(), target, done, filename, mimetype, key);
            } finally {
                Files.deleteIfExists(temp);
            }
        });
    }

    /**
     * Reads the body into pooled buffers, writing each chunk to the file as soon as it arrives (so the socket keeps
     * draining, as curl does) and handing each filled 1 MiB buffer to the hashing thread.
     */
    private static long copy(InputStream in, FileChannel out, PipelinedHasher hasher, long length,
            DownloadOptions options) throws IOException {
        long done = 0;
        while (true) {
            byte[] buffer = hasher.buffer();
            int fill = 0;
            int n = 0;
            while (fill < buffer.length && (n = in.read(buffer, fill, buffer.length - fill)) > 0) {
                ByteBuffer chunk = ByteBuffer.wrap(buffer, fill, n);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                fill += n;
                options.cancellation().ifPresent(Cancellation::check);
                options.progressListener().bytes(done + fill, length);
            }
            if (fill > 0) {
                hasher.submit(buffer, fill);
                done += fill;
            }
            if (fill < buffer.length) {
                return done; // end of the body (a full buffer is followed by another read)
            }
        }
    }

    /**
     * Checks downloaded bytes against a manifest CID, valid on both lines: the node's manifest (now local) must
     * hash to the CID in the node's format (or the other line's: the bytes then authenticate it just as well),
     * and the bytes must have the manifest's dataset size and tree CID. Returns the verified content key.
     */
    private ContentKey verify(Cid cid, Path file, DatasetTree downloaded, DownloadOptions options) throws IOException {
        if (!cid.isManifest()) {
            return null;
        }
        if (downloaded.blockCount() == 0) {
            throw new CodexIntegrityException("download " + cid + " returned no bytes", null);
        }
        ManifestInfo info = manifest(cid.toString());
        CodexManifest manifest;
        try {
            manifest = info.manifest();
        } catch (IllegalArgumentException e) {
            throw new CodexIntegrityException("the node's manifest of " + cid + " is malformed: " + e.getMessage(), e);
        }
        CodexLine line = node().line();
        CodexLine other = line == CodexLine.CODEX_V1 ? CodexLine.STORAGE_V1 : CodexLine.CODEX_V1;
        if (!manifest.cid(line).equals(cid) && !manifest.cid(other).equals(cid)) {
            throw new CodexIntegrityException("the node's manifest " + info + " does not hash to " + cid, null);
        }
        if (options.uploadNamesGiven() && (!java.util.Objects.equals(options.filename(), manifest.filename())
                || !java.util.Objects.equals(options.mimetype(), manifest.mimetype()))) {
            throw new CodexIntegrityException(cid + " was stored as " + manifest.filename() + " (" + manifest.mimetype()
                    + "), not as " + options.filename() + " (" + options.mimetype() + ")", null);
        }
        DatasetTree tree = downloaded;
        if (manifest.blockSize() != tree.blockSize()) {
            tree = rehash(file, (int) manifest.blockSize());
        }
        if (tree.datasetSize() != manifest.datasetSize() || !tree.treeCid().equals(manifest.treeCid())) {
            throw new CodexIntegrityException("downloaded content does not match " + cid + ": " + tree.datasetSize()
                    + " bytes with tree " + tree.treeCid() + ", the manifest says " + manifest.datasetSize()
                    + " bytes with tree " + manifest.treeCid(), null);
        }
        return manifest.contentKey();
    }

    private static DatasetTree rehash(Path file, int blockSize) throws IOException {
        try {
            DatasetHasher hasher = new DatasetHasher(blockSize);
            try (InputStream in = Files.newInputStream(file)) {
                hasher.update(in);
            }
            return hasher.finish();
        } catch (IllegalArgumentException e) {
            throw new CodexIntegrityException("the manifest's block size is not one a node uses: " + e.getMessage(), e);
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String dispositionFilename(Header header) {
        if (header == null) {
            return null;
        }
        String v = header.getValue();
        int at = v.indexOf("filename=\"");
        if (at < 0) {
            return null;
        }
        int end = v.lastIndexOf('"');
        return end > at + 9 ? v.substring(at + 10, end) : "";
    }

    // ---------------------------------------------------------------- other calls

    /**
     * Whether the node holds this block locally (for a manifest CID: the manifest only, not yet all blocks).
     * On nodes without {@code /exists} (before late 2025) answers from the local dataset list.
     */
    public boolean exists(String cid) throws IOException {
        return exists(cid, Optional.empty());
    }

    private boolean exists(String cid, Optional<Cancellation> cancel) throws IOException {
        parse(cid);
        Boolean local = withRetries("exists " + cid, true, cancel, () -> execute(new HttpGet(url("/data/" + cid
                + "/exists")), cancel, response -> {
                    String body = body(response);
                    if (response.getCode() == 404 && !body.strip().startsWith("{")) {
                        return null;
                    }
                    if (response.getCode() != 200) {
                        throw error("exists " + cid, response.getCode(), body);
                    }
                    JsonNode node = readJson(body);
                    JsonNode value = node.has(cid) ? node.get(cid) : node.elements().hasNext()
                            ? node.elements().next() : null;
                    if (value == null || !value.isBoolean()) {
                        throw new CodexException("exists " + cid + ": unexpected answer " + body, 200, false, null);
                    }
                    return value.asBoolean();
                }));
        return local != null ? local : list().stream().anyMatch(m -> m.cid().equals(cid));
    }

    private boolean existsQuietly(String cid, Optional<Cancellation> cancel) {
        try {
            return exists(cid, cancel);
        } catch (IOException e) {
            return false; // the network path serves local data too
        }
    }

    /** Asks the node to fetch a dataset into its local store (returns once the manifest is known). */
    public ManifestInfo fetch(String cid) throws IOException {
        parse(cid);
        return withRetries("fetch " + cid, true, Optional.empty(),
                () -> manifestCall(new HttpPost(url("/data/" + cid + "/network")), "fetch " + cid));
    }

    /**
     * Starts a background fetch of a dataset into the node's local store and returns its manifest and, on the
     * current line, its download id (on the older line the id is empty and progress cannot be asked).
     */
    public NetworkFetch startFetch(String cid) throws IOException {
        parse(cid);
        return withRetries("fetch " + cid, true, Optional.empty(), () -> execute(new HttpPost(url("/data/" + cid
                + "/network")), Optional.empty(), response -> {
                    String body = body(response);
                    if (response.getCode() != 200) {
                        throw error("fetch " + cid, response.getCode(), body);
                    }
                    JsonNode root = readJson(body);
                    JsonNode id = root.get("downloadId");
                    return new NetworkFetch(cid, manifestInfo(root), id != null && id.canConvertToLong()
                            ? java.util.OptionalLong.of(id.asLong()) : java.util.OptionalLong.empty());
                }));
    }

    /** The progress of a background fetch (current line). Downloads are keyed by the tree CID on the node. */
    public FetchProgress fetchProgress(NetworkFetch fetch) throws IOException {
        long id = downloadId(fetch);
        JsonNode n = getJson("/data/" + fetch.manifest().treeCid() + "/network/progress/" + id, "progress of " + id);
        return new FetchProgress(n.path("active").asBoolean(false), n.path("received").asLong(),
                n.path("total").asLong(), n.path("bytes").asLong());
    }

    /** Cancels a background fetch (current line); false when the node no longer runs it. */
    public boolean cancelFetch(NetworkFetch fetch) throws IOException {
        long id = downloadId(fetch);
        String path = "/data/" + fetch.manifest().treeCid() + "/network/" + id;
        return withRetries("cancel fetch " + id, true, Optional.empty(), () -> execute(new HttpDelete(url(path)),
                Optional.empty(), response -> {
                    String body = body(response);
                    if (response.getCode() == 404) {
                        return false;
                    }
                    if (response.getCode() != 204 && response.getCode() != 200) {
                        throw error("cancel fetch " + id, response.getCode(), body);
                    }
                    return true;
                }));
    }

    private long downloadId(NetworkFetch fetch) throws IOException {
        requireStorageLine(node(), "a download id");
        return fetch.downloadId().orElseThrow(() -> new CodexUnsupportedException(
                "the node gave no download id for " + fetch.cid()));
    }

    /** Whether the node advertises a dataset to its peers (current line). */
    public boolean isAdvertised(String cid) throws IOException {
        parse(cid);
        requireStorageLine(node(), "advertise");
        return getJson("/data/" + cid + "/advertise", "advertise of " + cid).path("advertise").asBoolean();
    }

    /** Sets whether the node advertises a dataset (current line); {@code false} hides it from peers. */
    public void advertise(String cid, boolean advertise) throws IOException {
        parse(cid);
        requireStorageLine(node(), "advertise");
        withRetries("advertise " + cid, true, Optional.empty(), () -> execute(new HttpPost(url("/data/" + cid
                + "/advertise?advertise=" + advertise)), Optional.empty(), response -> {
                    String body = body(response);
                    if (response.getCode() != 200) {
                        throw error("advertise " + cid, response.getCode(), body);
                    }
                    return null;
                }));
    }

    /** The manifest of a dataset, fetched from the network when not local. */
    public ManifestInfo manifest(String cid) throws IOException {
        parse(cid);
        return withRetries("manifest " + cid, true, Optional.empty(),
                () -> manifestCall(new HttpGet(url("/data/" + cid + "/network/manifest")), "manifest " + cid));
    }

    private ManifestInfo manifestCall(HttpUriRequestBase request, String what) throws IOException {
        return execute(request, Optional.empty(), response -> {
            String body = body(response);
            if (response.getCode() != 200) {
                throw error(what, response.getCode(), body);
            }
            return manifestInfo(readJson(body));
        });
    }

    /** Deletes a dataset (or block) from the node's local store; deleting what is absent is not an error. */
    public void delete(String cid) throws IOException {
        parse(cid);
        withRetries("delete " + cid, true, Optional.empty(), () -> execute(new HttpDelete(url("/data/" + cid)),
                Optional.empty(), response -> {
                    String body = body(response);
                    if (response.getCode() != 204 && response.getCode() != 200) {
                        throw error("delete " + cid, response.getCode(), body);
                    }
                    return null;
                }));
    }

    /** The datasets stored locally. */
    public List<ManifestInfo> list() throws IOException {
        JsonNode root = getJson("/data", "list");
        List<ManifestInfo> out = new ArrayList<>();
        for (Iterator<JsonNode> it = root.path("content").elements(); it.hasNext();) {
            out.add(manifestInfo(it.next()));
        }
        return out;
    }

    public Space space() throws IOException {
        JsonNode n = getJson("/space", "space");
        return new Space(n.path("totalBlocks").asLong(), n.path("quotaMaxBytes").asLong(),
                n.path("quotaUsedBytes").asLong(), n.path("quotaReservedBytes").asLong());
    }

    /** The node's {@code /debug/info} document, as JSON text. */
    public String debugInfo() throws IOException {
        return getJson("/debug/info", "debug info").toString();
    }

    public String peerId() throws IOException {
        return getJson("/peerid", "peer id").path("id").asText();
    }

    private JsonNode getJson(String path, String what) throws IOException {
        return withRetries(what, true, Optional.empty(), () -> execute(new HttpGet(url(path)), Optional.empty(),
                response -> {
                    String body = body(response);
                    if (response.getCode() != 200) {
                        throw error(what, response.getCode(), body);
                    }
                    return readJson(body);
                }));
    }

    private ManifestInfo manifestInfo(JsonNode item) {
        JsonNode m = item.path("manifest");
        return new ManifestInfo(item.path("cid").asText(), m.path("treeCid").asText(), m.path("datasetSize").asLong(),
                m.path("blockSize").asLong(), textOrNull(m.get("filename")), textOrNull(m.get("mimetype")),
                m.path("protected").asBoolean(false));
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private JsonNode readJson(String body) throws CodexException {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new CodexException("the node answered malformed JSON: " + abbreviate(body), 200, false, e);
        }
    }

    // ---------------------------------------------------------------- plumbing

    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException;
    }

    @FunctionalInterface
    private interface ResponseReader<T> {
        T read(CloseableHttpResponse response) throws IOException;
    }

    private <T> T withRetries(String what, boolean idempotent, Optional<Cancellation> cancel, Call<T> call)
            throws IOException {
        for (int attempt = 1;; attempt++) {
            cancel.ifPresent(Cancellation::check);
            try {
                return call.run();
            } catch (CodexException e) {
                if (!idempotent || !e.retryable() || attempt >= config.maxAttempts()) {
                    throw e;
                }
                long pause = backoff(attempt);
                LOG.info("{} failed ({}); attempt {} of {} in {} ms", what, e.getMessage(), attempt + 1,
                        config.maxAttempts(), pause);
                pause(pause, cancel);
            }
        }
    }

    private long backoff(int attempt) {
        long base = config.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, config.maxBackoff().toMillis());
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }

    private static void pause(long millis, Optional<Cancellation> cancel) throws InterruptedIOException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            while (System.nanoTime() < end) {
                cancel.ifPresent(Cancellation::check);
                TimeUnit.NANOSECONDS.sleep(Math.min(end - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(50)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }

    private <T> T execute(HttpUriRequestBase request, Optional<Cancellation> cancel, ResponseReader<T> reader)
            throws IOException {
        AtomicBoolean timedOut = new AtomicBoolean();
        Runnable abort = request::cancel;
        ScheduledFuture<?> deadline = timer.schedule(() -> {
            timedOut.set(true);
            request.cancel();
        }, config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        cancel.ifPresent(c -> c.register(abort));
        String what = request.getMethod() + " " + request.getRequestUri();
        try (CloseableHttpResponse response = http.execute(request)) {
            return reader.read(response);
        } catch (CodexException e) {
            throw e;
        } catch (IOException | IllegalStateException e) {
            if (cancel.isPresent() && cancel.get().isCancelled()) {
                throw new CancellationException(what + " cancelled");
            }
            if (timedOut.get()) {
                throw new CodexTimeoutException(what + " took longer than the request timeout of "
                        + config.requestTimeout(), e);
            }
            throw translate(what, e);
        } finally {
            deadline.cancel(false);
            cancel.ifPresent(c -> c.unregister(abort));
        }
    }

    private static CodexException translate(String what, Exception e) {
        if (e instanceof ConnectionClosedException) {
            return new CodexIntegrityException(what + ": the node closed the connection early (" + e.getMessage()
                    + ")", e);
        }
        if (e instanceof SocketTimeoutException) {
            return new CodexTimeoutException(what + ": no answer within the read timeout", e);
        }
        if (e instanceof ConnectException) {
            return new CodexUnavailableException(what + ": cannot connect to the node (" + e.getMessage() + ")", e);
        }
        return new CodexUnavailableException(what + ": " + e, e);
    }

    private static CodexException error(String what, int status, String body) {
        String message = what + ": the node answered " + status + " " + abbreviate(body.strip());
        return switch (status) {
            case 400, 422 -> new CodexRejectedException(message, status);
            case 404 -> new CodexNotFoundException(message, status);
            default -> {
                if (status == 500 && body.contains("retries exhausted")) {
                    yield new CodexNotFoundException(message + " (no peer could serve it)", status);
                }
                if (status == 500 && (body.contains("Unable to store block") || body.contains("Empty leaves"))) {
                    yield new CodexServerException(message, status, false);
                }
                yield status >= 500 ? new CodexServerException(message, status, true)
                        : new CodexException(message, status, false, null);
            }
        };
    }

    private static String body(CloseableHttpResponse response) throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return "";
        }
        try {
            return EntityUtils.toString(entity, StandardCharsets.UTF_8);
        } catch (org.apache.hc.core5.http.ParseException e) {
            throw new CodexException("unreadable answer: " + e.getMessage(), response.getCode(), false, e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static Cid parse(String cid) throws CodexRejectedException {
        try {
            return Cid.parse(cid);
        } catch (InvalidCidException e) {
            throw new CodexRejectedException("not a CID: " + e.getMessage(), -1);
        }
    }

    private String url(String path) throws IOException {
        return node().root() + path;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            http.close();
        } catch (IOException e) {
            LOG.debug("closing the HTTP client: {}", e.toString());
        }
    }

}

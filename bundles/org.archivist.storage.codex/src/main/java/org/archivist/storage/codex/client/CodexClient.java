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
 * Uploads stream from the file and check the CID the node answers against the one computed on the way out.
 * Downloads stream into a temporary file next to the target, check the byte count against Content-Length and
 * the content against the CID (recomputing the manifest from the bytes, filename and MIME type), and only then
 * move it into place atomically. Idempotent calls are retried with exponential backoff and jitter; a truncated
 * download starts again from byte 0 into a fresh temporary file. Thread-safe.
 */
public final class CodexClient implements AutoCloseable {
    public static final String OCTET_STREAM = "application/octet-stream";
    private static final Logger LOG = LoggerFactory.getLogger(CodexClient.class);
    private static final int BUFFER = 64 * 1024;

    private final CodexClientConfig config;
    private final String root;
    private final CloseableHttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final ScheduledExecutorService timer;

    private CodexClient(CodexClientConfig config) {
        this.config = config;
        this.root = config.apiRoot().toString();
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

    public URI apiRoot() {
        return URI.create(root);
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
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "not a regular file to upload");
        }
        return withRetries("upload " + file.getFileName(), true, Optional.empty(),
                () -> uploadOnce(new HashingEntity(file, null), filename, mimetype));
    }

    /** Uploads a stream once (a stream cannot be replayed, so no retry), chunked. */
    public String upload(InputStream in, String filename, String mimetype) throws IOException {
        return withRetries("upload stream", false, Optional.empty(),
                () -> uploadOnce(new HashingEntity(in, null), filename, mimetype));
    }

    private String uploadOnce(HashingEntity entity, String filename, String mimetype) throws IOException {
        checkHeaderValue("filename", filename);
        checkHeaderValue("MIME type", mimetype);
        HttpPost post = new HttpPost(url("/data"));
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
            String expected = tree.manifest(filename, mimetype).cid().toString();
            if (!expected.equals(cid)) {
                throw new CodexIntegrityException("the node answered CID " + cid + " for an upload whose CID is "
                        + expected + ": it did not store the bytes sent", null);
            }
        }
        return cid;
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
                DatasetHasher hasher = new DatasetHasher();
                long done = 0;
                try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE);
                        InputStream in = entity == null ? InputStream.nullInputStream() : entity.getContent()) {
                    byte[] buffer = new byte[BUFFER];
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        options.cancellation().ifPresent(Cancellation::check);
                        ByteBuffer bb = ByteBuffer.wrap(buffer, 0, n);
                        while (bb.hasRemaining()) {
                            out.write(bb);
                        }
                        hasher.update(buffer, 0, n);
                        done += n;
                        options.progressListener().bytes(done, length);
                    }
                    if (length >= 0 && done != length) {
                        throw new CodexIntegrityException("download " + cid + " truncated: " + done + " of " + length
                                + " bytes", null);
                    }
                    verify(cid, hasher.finish(), filename, mimetype, options);
                    out.force(true);
                }
                moveIntoPlace(temp, target);
                return new Downloaded(cid.toString(), target, done, filename, mimetype);
            } finally {
                Files.deleteIfExists(temp);
            }
        });
    }

    private static void verify(Cid cid, DatasetTree tree, String filename, String mimetype, DownloadOptions options)
            throws CodexIntegrityException {
        if (!cid.isManifest()) {
            return;
        }
        if (tree.blockCount() == 0) {
            throw new CodexIntegrityException("download " + cid + " returned no bytes", null);
        }
        List<String[]> candidates = new ArrayList<>();
        if (options.uploadNamesGiven()) {
            candidates.add(new String[] {options.filename(), options.mimetype()});
        } else {
            candidates.add(new String[] {filename, mimetype});
            if (OCTET_STREAM.equalsIgnoreCase(mimetype)) {
                candidates.add(new String[] {filename, null}); // the node reports octet-stream when none was stored
            }
        }
        for (String[] c : candidates) {
            if (tree.manifest(c[0], c[1]).cid().equals(cid)) {
                return;
            }
        }
        throw new CodexIntegrityException("downloaded content does not match " + cid + " (" + tree.datasetSize()
                + " bytes, filename " + filename + ", type " + mimetype + ")", null);
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

    private String url(String path) {
        return root + path;
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

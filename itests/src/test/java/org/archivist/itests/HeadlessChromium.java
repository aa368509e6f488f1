package org.archivist.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Debian's headless Chromium driven over the DevTools protocol through the JDK's own WebSocket client (no
 * Selenium, no driver binary): navigate, evaluate JavaScript, click, set the viewport, take screenshots. Loopback
 * only; the process and its children are killed on {@link #close}.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

    private HeadlessChromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** The chromium binary, or null when it is not installed. */
    static String binary() {
        for (String b : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
            if (Files.isExecutable(Path.of(b))) {
                return b;
            }
        }
        return null;
    }

    static HeadlessChromium start(Path profile) throws Exception {
        String binary = binary();
        if (binary == null) {
            throw new IllegalStateException("chromium is not installed (apt-get install chromium; ./archivist test "
                    + "installs it when run as root)");
        }
        Files.createDirectories(profile);
        Process p = new ProcessBuilder(binary, "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-sync", "--metrics-recording-only", "--mute-audio",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile.toAbsolutePath(), "about:blank").redirectErrorStream(true).start();
        try {
            int port = devToolsPort(p);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            String ws = null;
            for (JsonNode target : JSON.readTree(list)) {
                if ("page".equals(target.path("type").asText())) {
                    ws = target.get("webSocketDebuggerUrl").asText();
                    break;
                }
            }
            if (ws == null) {
                throw new IOException("chromium lists no page: " + list);
            }
            Listener listener = new Listener();
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), listener).get(20, TimeUnit.SECONDS);
            HeadlessChromium c = new HeadlessChromium(p, socket);
            listener.owner = c;
            c.call("Page.enable", JSON.createObjectNode());
            c.call("Network.enable", JSON.createObjectNode());
            return c;
        } catch (Exception e) {
            kill(p);
            throw e;
        }
    }

    /** Reads Chromium's output until it says where DevTools listens; keeps draining it afterwards. */
    private static int devToolsPort(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = new CompletableFuture<>();
        StringBuilder seen = new StringBuilder();
        Thread reader = new Thread(() -> {
            Pattern listening = Pattern.compile("DevTools listening on ws://127\\.0\\.0\\.1:(\\d+)/");
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = listening.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    } else if (!port.isDone() && seen.length() < 4000) {
                        seen.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            port.completeExceptionally(new IOException("chromium ended before DevTools listened: " + seen));
        }, "chromium-output");
        reader.setDaemon(true);
        reader.start();
        return port.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Sends a DevTools command and waits for its result; a protocol error is an exception. */
    JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params);
        socket.sendText(JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
        JsonNode reply = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IOException(method + ": " + reply.get("error"));
        }
        return reply.path("result");
    }

    /** Every request carries these headers (the console's basic authentication). */
    void headers(Map<String, String> headers) throws Exception {
        ObjectNode p = JSON.createObjectNode();
        ObjectNode h = p.putObject("headers");
        headers.forEach(h::put);
        call("Network.setExtraHTTPHeaders", p);
    }

    void basicAuth(String user, String password) throws Exception {
        headers(Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8))));
    }

    /** Opens the URL and waits for its load event. */
    void navigate(String url) throws Exception {
        events.clear();
        JsonNode r = call("Page.navigate", JSON.createObjectNode().put("url", url));
        if (r.hasNonNull("errorText")) {
            throw new IOException("navigation to " + url + " failed: " + r.get("errorText").asText());
        }
        awaitLoad();
    }

    /** Runs a script that navigates (a click on a form's button) and waits for the page it leads to. */
    void clickAndWait(String selector) throws Exception {
        events.clear();
        evaluate("(() => { const b = document.querySelector(" + JSON.writeValueAsString(selector) + ");"
                + " if (!b) throw new Error('no element ' + " + JSON.writeValueAsString(selector) + "); b.click(); return true; })()");
        awaitLoad();
    }

    private void awaitLoad() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode e = events.poll(1, TimeUnit.SECONDS);
            if (e != null && "Page.loadEventFired".equals(e.path("method").asText())) {
                return;
            }
        }
        throw new IOException("no load event within " + WAIT);
    }

    /** The value of a JavaScript expression (JSON-serialisable), thrown as an exception if it throws. */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IOException("script failed: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Sets the viewport (CSS pixels); {@code mobile} as a phone renders it. */
    void viewport(int width, int height, boolean mobile) throws Exception {
        call("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", mobile));
    }

    /** A PNG of the whole page (beyond the viewport) into {@code file}. */
    void screenshot(Path file) throws Exception {
        JsonNode r = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png")
                .put("captureBeyondViewport", true));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(r.get("data").asText()));
    }

    @Override
    public void close() {
        try {
            socket.abort();
        } finally {
            kill(process);
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void received(String text) {
        try {
            JsonNode msg = JSON.readTree(text);
            if (msg.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
                if (f != null) {
                    f.complete(msg);
                }
            } else {
                events.add(msg);
            }
        } catch (IOException e) {
            events.add(JSON.createObjectNode().put("method", "unparsable").put("text", text));
        }
    }

    /** Collects the frames of each message (DevTools messages can be large) and hands complete ones over. */
    private static final class Listener implements WebSocket.Listener {
        volatile HeadlessChromium owner;
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                HeadlessChromium o = owner;
                if (o != null) {
                    o.received(text);
                }
            }
            ws.request(1);
            return null;
        }
    }
}

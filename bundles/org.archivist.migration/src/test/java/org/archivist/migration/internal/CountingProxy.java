package org.archivist.migration.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP proxy in front of a Codex emulator that records every request ({@code METHOD path}), so
 * that tests can count uploads, and that can "kill the process" after the n-th request: that request
 * reaches the node, its answer never reaches the client, and from then on nothing gets through.
 */
final class CountingProxy implements AutoCloseable {
    private final URI node;
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger killAfter = new AtomicInteger(Integer.MAX_VALUE);
    private volatile boolean dead;

    CountingProxy(URI node) throws IOException {
        this.node = node;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::forward);
        server.setExecutor(pool);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    long uploads() {
        return requests.stream().filter(r -> r.startsWith("POST ") && r.endsWith("/data")).count();
    }

    /** After {@code n} more requests, the node becomes unreachable (the client process "died"). */
    void killAfter(int n) {
        killAfter.set(requests.size() + n);
    }

    boolean dead() {
        return dead;
    }

    private void forward(HttpExchange ex) throws IOException {
        if (dead) {
            ex.close();
            return;
        }
        String line = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
        requests.add(line);
        boolean kill = requests.size() >= killAfter.get();
        HttpURLConnection c = (HttpURLConnection) node.resolve(ex.getRequestURI().toString()).toURL().openConnection();
        c.setRequestMethod(ex.getRequestMethod());
        c.setInstanceFollowRedirects(false);
        c.setConnectTimeout(5_000);
        c.setReadTimeout(15_000);
        for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
            if (!h.getKey().equalsIgnoreCase("Host") && !h.getKey().equalsIgnoreCase("Content-length")
                    && !h.getKey().equalsIgnoreCase("Transfer-encoding") && !h.getKey().equalsIgnoreCase("Connection")) {
                for (String v : h.getValue()) {
                    c.addRequestProperty(h.getKey(), v);
                }
            }
        }
        if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("DELETE")) {
            c.setDoOutput(true);
            c.setChunkedStreamingMode(64 * 1024);
            try (InputStream in = ex.getRequestBody(); OutputStream out = c.getOutputStream()) {
                in.transferTo(out);
            }
        }
        int status;
        byte[] bytes;
        try {
            status = c.getResponseCode();
            InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream();
            bytes = body == null ? new byte[0] : body.readAllBytes();
        } catch (IOException e) {
            ex.close(); // the node dropped or cut the answer: so does the proxy
            return;
        }
        if (kill) {
            dead = true;
            ex.close();
            return;
        }
        for (Map.Entry<String, List<String>> h : c.getHeaderFields().entrySet()) {
            if (h.getKey() != null && !h.getKey().equalsIgnoreCase("Transfer-encoding")
                    && !h.getKey().equalsIgnoreCase("Content-length")) {
                ex.getResponseHeaders().put(h.getKey(), h.getValue());
            }
        }
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}

package org.archivist.codex.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Issue 12 item 5: hostile peers, stalled clients and Errors in handlers must not bring the emulator down. */
class EmulatorHardeningTest {
    /** A CID no one holds, so the node asks its peers. */
    private static final String ABSENT = "zDvZRwzm1ePSzKSXt57D5YxHwcSDmsCyYN65wW4HT7fuX9HrzFXy";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(CodexEmulator node, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(node.apiUri() + path)).timeout(Duration.ofSeconds(60))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A "peer" answering every request with 200 and the given header, then bytes until the reader hangs up. */
    private static Thread hostilePeer(ServerSocket server, String header, AtomicLong sent) {
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    byte[] request = new byte[8192];
                    in.read(request);
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\n" + header + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    byte[] junk = new byte[64 * 1024];
                    while (true) {
                        out.write(junk);
                        sent.addAndGet(junk.length);
                    }
                } catch (IOException e) {
                    // the emulator hung up, as it should
                }
            }
        }, "hostile-peer");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void anEndlessOrHugePeerBodyIsCutNotBuffered() throws Exception {
        for (String header : new String[] {"Connection: close", "Content-Length: 1000000000000"}) {
            AtomicLong sent = new AtomicLong();
            try (ServerSocket hostile = new ServerSocket(0);
                    CodexEmulator node = CodexEmulator.start(EmulatorConfig.builder().maintenanceInterval(Duration.ZERO)
                            .blockRetries(2).retryDelay(Duration.ofMillis(10))
                            .peer(URI.create("http://127.0.0.1:" + hostile.getLocalPort())).build())) {
                hostilePeer(hostile, header, sent);
                assertEquals(404, get(node, "/data/" + ABSENT + "/network/manifest").statusCode(), header);
                assertEquals(200, get(node, "/space").statusCode(), "still serving after " + header);
                // two rounds, each cut after at most 512 KiB (+ socket buffers), or refused by its length
                assertTrue(sent.get() < 16L << 20, header + ": the peer got to send " + sent.get() + " bytes");
            }
        }
    }

    @Test
    void stalledUploadsDoNotTakeAThreadEach() throws Exception {
        try (CodexEmulator node = CodexEmulator.start(EmulatorConfig.builder().maintenanceInterval(Duration.ZERO)
                .maxThreads(8).build())) {
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 500; i++) {
                    Socket s = new Socket("127.0.0.1", node.port());
                    s.getOutputStream().write(("POST /api/codex/v1/data HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000"
                            + "\r\n\r\nabc").getBytes(StandardCharsets.US_ASCII));
                    stalled.add(s);
                }
                Thread.sleep(500);
                assertTrue(node.serviceThreads() <= 8, node.serviceThreads() + " service threads");
                long emulatorThreads = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().startsWith("codex-emulator")).count();
                assertTrue(emulatorThreads < 20, emulatorThreads + " emulator threads for 500 stalled uploads");
            } finally {
                for (Socket s : stalled) {
                    s.close();
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int status = 0;
            while (System.nanoTime() < deadline && status != 200) {
                try {
                    status = get(node, "/space").statusCode();
                } catch (IOException e) {
                    Thread.sleep(100);
                }
            }
            assertEquals(200, status, "serves again once the stalled clients are gone");
        }
    }

    @Test
    void anErrorInAHandlerIsAnsweredAndSurvived() throws Exception {
        try (CodexEmulator node = CodexEmulator.start(EmulatorConfig.builder().maintenanceInterval(Duration.ZERO).build())) {
            node.faults().throwNext("error");
            assertEquals(500, get(node, "/space").statusCode());
            assertEquals(200, get(node, "/space").statusCode());
        }
    }

    @Test
    void anOutOfMemoryErrorStopsTheNodeInsteadOfLeavingItListeningButDead() throws Exception {
        CodexEmulator node = CodexEmulator.start(EmulatorConfig.builder().maintenanceInterval(Duration.ZERO).build());
        try {
            node.faults().throwNext("oom");
            assertThrows(IOException.class, () -> get(node, "/space"));
            assertTrue(node.awaitStop(10, TimeUnit.SECONDS), "the node stopped");
            Optional<Throwable> fatal = node.awaitStop();
            assertTrue(fatal.isPresent() && fatal.get() instanceof OutOfMemoryError, String.valueOf(fatal));
            assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", node.port()).close());
        } finally {
            node.close();
        }
    }
}

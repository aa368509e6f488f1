package org.archivist.host.reference.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The reference channel survives slow and abusive peers. */
class LoopbackSocketTransportTest {

    @Test
    void aPeerTricklingOneByteEveryFewSecondsDelaysNobodyAndIsCutAtTheFrameDeadline() throws Exception {
        BlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
        try (LoopbackSocketTransport server = new LoopbackSocketTransport(0, List.of(), Duration.ofMillis(2500), 4, 4)) {
            server.start(got::add);
            try (Socket trickler = connect(server)) {
                trickler.getOutputStream().write(0); // the first byte of a length prefix...
                trickler.getOutputStream().flush();
                Thread.sleep(200);

                LoopbackSocketTransport sender = new LoopbackSocketTransport(-1, List.of("" + server.localPort()));
                sender.send(new byte[] {1, 2, 3}); // returns once the server acknowledged the frame
                byte[] frame = got.poll(30, TimeUnit.SECONDS);
                assertNotNull(frame, "the other peer's announcement did not arrive");
                assertArrayEquals(new byte[] {1, 2, 3}, frame);

                // ...one more byte every second: the whole frame's deadline still runs out
                InputStream in = trickler.getInputStream();
                trickler.setSoTimeout(10_000);
                long cutAt = -1;
                for (int i = 0; i < 8 && cutAt < 0; i++) {
                    try {
                        trickler.getOutputStream().write(0);
                        trickler.getOutputStream().flush();
                    } catch (java.io.IOException closed) {
                        cutAt = System.nanoTime();
                        break;
                    }
                    Thread.sleep(1000);
                    if (in.available() == 0 && isClosedByPeer(trickler)) {
                        cutAt = System.nanoTime();
                    }
                }
                assertTrue(cutAt > 0, "the trickling connection was never cut (a deadline of 2.5 s, 8 s of bytes)");
            }
        }
    }

    @Test
    void overThePerPeerLimitThePeersOldestConnectionMakesRoomForTheNewOne() throws Exception {
        BlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
        try (LoopbackSocketTransport server = new LoopbackSocketTransport(0, List.of(), Duration.ofSeconds(30), 8, 2)) {
            server.start(got::add);
            try (Socket first = connect(server); Socket second = connect(server)) {
                first.setSoTimeout(30_000);
                awaitOpen(server, 2);
                try (Socket third = connect(server)) {
                    assertEquals(-1, first.getInputStream().read(), "the oldest connection is closed by the server");
                    third.setSoTimeout(30_000);
                    DataOutputStream out = new DataOutputStream(third.getOutputStream());
                    out.writeInt(2);
                    out.write(new byte[] {4, 2});
                    out.flush();
                    assertEquals(FrameServer.ACK, third.getInputStream().read(), "the newcomer's frame is taken");
                    assertArrayEquals(new byte[] {4, 2}, got.poll(30, TimeUnit.SECONDS));
                }
            }
        }
    }

    /**
     * Issue 12: another peer floods the channel with connections it holds open (a partial length prefix each,
     * as fast as it can connect) while a legitimate peer announces: every announcement arrives, each once.
     * Before, the flood held every per-peer slot and the legitimate connection was closed at once, its frame
     * lost without the sender knowing.
     */
    @Test
    void aPeersAnnouncementsGetThroughAFloodOfConnectionsHeldOpenByAnotherPeer() throws Exception {
        BlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
        try (LoopbackSocketTransport server = new LoopbackSocketTransport(0, List.of(), Duration.ofSeconds(30), 16, 8)) {
            server.start(got::add);
            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicLong floodConnections = new AtomicLong();
            Thread flood = new Thread(() -> {
                java.util.ArrayDeque<Socket> held = new java.util.ArrayDeque<>();
                try {
                    while (flooding.get() && floodConnections.get() < 20_000) { // bounded: a shared machine
                        try {
                            Socket s = connect(server);
                            s.getOutputStream().write(new byte[] {0, 0});
                            held.add(s);
                            floodConnections.incrementAndGet();
                            if (held.size() > 64) {
                                held.poll().close();
                            }
                        } catch (java.io.IOException e) {
                            // refused while the backlog is full: go on flooding
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    held.forEach(LoopbackSocketTransportTest::closeQuietly);
                }
            }, "flood");
            flood.start();
            try {
                while (floodConnections.get() < 200) {
                    Thread.sleep(10);
                }
                awaitOpen(server, 8);
                LoopbackSocketTransport sender = new LoopbackSocketTransport(-1, List.of("" + server.localPort()));
                for (int i = 0; i < 20; i++) {
                    sender.send(new byte[] {7, (byte) i});
                }
                for (int i = 0; i < 20; i++) {
                    byte[] frame = got.poll(60, TimeUnit.SECONDS);
                    assertNotNull(frame, "announcement " + i + " did not arrive");
                    assertArrayEquals(new byte[] {7, (byte) i}, frame, "in order, each once");
                }
                assertTrue(floodConnections.get() > 200, "the flood ran: " + floodConnections.get());
            } finally {
                flooding.set(false);
                flood.join(30_000);
            }
            assertEquals(null, got.poll(), "nothing else was delivered");
        }
    }

    private static void awaitOpen(LoopbackSocketTransport server, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (server.openConnections() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server never held " + n + " connections: " + server.openConnections());
            }
            Thread.sleep(5);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (java.io.IOException ignored) {
            // closing anyway
        }
    }

    @Test
    void aFloodOfOversizedFramesIsSummarisedNotRepeated() throws Exception {
        List<String> lines = new ArrayList<>();
        AtomicLong now = new AtomicLong();
        RepeatedWarnings warnings = new RepeatedWarnings(lines::add, now::get);
        for (int i = 0; i < 16_704; i++) {
            now.addAndGet(1_000_000); // 1 ms apart: 16.7 s
            warnings.warn("oversized frames", "/127.0.0.1", "frame length 2147483647");
        }
        assertEquals(1, lines.size(), lines.toString());
        now.addAndGet(RepeatedWarnings.WINDOW_NANOS);
        warnings.warn("oversized frames", "/127.0.0.1", "frame length 5");
        assertEquals(2, lines.size());
        assertEquals("16704 oversized frames from /127.0.0.1 in the last minute (latest: frame length 5)",
                lines.get(1));
        warnings.warn("slow connections", "/127.0.0.1", "x");
        assertEquals(3, lines.size(), "another kind is reported at once");
    }

    @Test
    void oversizedFramesFromARealSocketAreDroppedAndTheChannelKeepsServing() throws Exception {
        BlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
        try (LoopbackSocketTransport server = new LoopbackSocketTransport(0, List.of())) {
            server.start(got::add);
            for (int i = 0; i < 200; i++) {
                try (Socket s = connect(server)) {
                    new DataOutputStream(s.getOutputStream()).writeInt(Integer.MAX_VALUE);
                }
            }
            // The flood's last connections may still hold the per-peer slots (all of loopback is one peer):
            // while they drain, a sender's connection is refused or closed at once; then it is served.
            LoopbackSocketTransport sender = new LoopbackSocketTransport(-1, List.of("" + server.localPort()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            byte[] delivered = null;
            while (delivered == null && System.nanoTime() < deadline) {
                try {
                    sender.send(new byte[] {9});
                } catch (java.io.IOException refusedWhileDraining) {
                    Thread.sleep(100);
                    continue;
                }
                delivered = got.poll(1, TimeUnit.SECONDS);
            }
            assertArrayEquals(new byte[] {9}, delivered, "the channel serves again once the flood has drained");
        }
    }

    private static boolean isClosedByPeer(Socket s) {
        try {
            s.setSoTimeout(1);
            return s.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException open) {
            return false;
        } catch (java.io.IOException reset) {
            return true;
        }
    }

    private static Socket connect(LoopbackSocketTransport server) throws Exception {
        return new Socket(InetAddress.getLoopbackAddress(), server.localPort());
    }
}

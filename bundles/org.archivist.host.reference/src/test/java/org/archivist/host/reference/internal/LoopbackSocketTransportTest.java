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
                long start = System.nanoTime();
                sender.send(new byte[] {1, 2, 3});
                byte[] frame = got.poll(2, TimeUnit.SECONDS);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertNotNull(frame, "the other peer's announcement did not arrive");
                assertArrayEquals(new byte[] {1, 2, 3}, frame);
                assertTrue(millis < 1000, "delivered after " + millis + " ms");

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
                assertTrue(cutAt > 0, "the trickling connection was never cut");
                assertTrue((cutAt - start) / 1_000_000 < 6000, "cut late: " + (cutAt - start) / 1_000_000 + " ms");
            }
        }
    }

    @Test
    void connectionsOverThePerPeerLimitAreClosedAtOnce() throws Exception {
        try (LoopbackSocketTransport server = new LoopbackSocketTransport(0, List.of(), Duration.ofSeconds(30), 8, 2)) {
            server.start(f -> { });
            List<Socket> held = new ArrayList<>();
            try {
                held.add(connect(server));
                held.add(connect(server));
                Thread.sleep(200);
                try (Socket third = connect(server)) {
                    third.setSoTimeout(3000);
                    long start = System.nanoTime();
                    assertEquals(-1, third.getInputStream().read(), "the third connection is closed by the server");
                    assertTrue(System.nanoTime() - start < 2_000_000_000L);
                }
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
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
            new LoopbackSocketTransport(-1, List.of("" + server.localPort())).send(new byte[] {9});
            assertArrayEquals(new byte[] {9}, got.poll(5, TimeUnit.SECONDS));
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

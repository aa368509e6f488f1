package org.archivist.host.reference.internal;

import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects reference hosts in different processes on one machine: each listens on a 127.0.0.1 port
 * and sends every frame to the ports of its configured peers (length-prefixed over one short TCP
 * connection per peer). A send fails only when no peer could be reached.
 *
 * <p>Connections are served concurrently by a bounded pool ({@value #MAX_CONNECTIONS}, at most
 * {@value #MAX_CONNECTIONS_PER_PEER} from one address; more are closed at once), each frame must arrive
 * whole within a deadline (a peer trickling bytes is cut off, and delays nobody else), frames are handed
 * to the receiver one at a time, and repeated warnings are summarised ({@link RepeatedWarnings}).
 */
public final class LoopbackSocketTransport implements AnnouncementTransport {
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackSocketTransport.class);
    private static final int CONNECT_TIMEOUT_MS = 2000;
    /** How long one whole frame may take to arrive (not a per-byte timeout). */
    static final Duration FRAME_DEADLINE = Duration.ofSeconds(5);
    static final int MAX_CONNECTIONS = 16;
    static final int MAX_CONNECTIONS_PER_PEER = 8;
    private static final int MAX_FRAME = AnnouncementFrame.MAX_MESSAGE + AnnouncementFrame.MAX_CHAT_ID + 8;

    private final int port;
    private final List<InetSocketAddress> peers = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile Thread acceptor;
    private final long frameDeadlineNanos;
    private final int maxConnections;
    private final int maxConnectionsPerPeer;
    private final Map<InetAddress, AtomicInteger> perPeer = new ConcurrentHashMap<>();
    private final Object deliveryLock = new Object();
    private final RepeatedWarnings warnings = new RepeatedWarnings(LOG);
    private volatile ThreadPoolExecutor pool;

    /**
     * @param port the 127.0.0.1 port to listen on, 0 for any free one, -1 to only send
     * @param peers the other hosts, as {@code port} or {@code 127.0.0.1:port}
     */
    public LoopbackSocketTransport(int port, List<String> peers) {
        this(port, peers, FRAME_DEADLINE, MAX_CONNECTIONS, MAX_CONNECTIONS_PER_PEER);
    }

    /**
     * With other limits (tests): a whole frame must arrive within {@code frameDeadline}; at most
     * {@code maxConnections} connections are served at once, {@code maxConnectionsPerPeer} from one
     * address (on loopback every peer has the same address, so this bounds them together).
     */
    LoopbackSocketTransport(int port, List<String> peers, Duration frameDeadline, int maxConnections,
            int maxConnectionsPerPeer) {
        if (frameDeadline.isNegative() || frameDeadline.isZero() || maxConnections <= 0
                || maxConnectionsPerPeer <= 0) {
            throw new IllegalArgumentException("the channel's deadline and connection limits must be positive");
        }
        this.port = port;
        this.frameDeadlineNanos = frameDeadline.toNanos();
        this.maxConnections = maxConnections;
        this.maxConnectionsPerPeer = maxConnectionsPerPeer;
        peers.forEach(this::addPeer);
    }

    public void addPeer(String peer) {
        String p = peer.trim();
        int colon = p.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : p.substring(0, colon);
        int peerPort = Integer.parseInt(colon < 0 ? p : p.substring(colon + 1));
        InetSocketAddress address = new InetSocketAddress(host, peerPort);
        if (!address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the reference channel only talks to loopback peers, not " + peer);
        }
        peers.add(address);
    }

    /** The port actually listened on (after {@link #start}), or -1. */
    public int localPort() {
        ServerSocket s = server;
        return s == null ? -1 : s.getLocalPort();
    }

    @Override
    public void start(Consumer<byte[]> receiver) throws IOException {
        if (port < 0) {
            return;
        }
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = s;
        AtomicInteger threads = new AtomicInteger();
        pool = new ThreadPoolExecutor(maxConnections, maxConnections, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread worker = new Thread(r, "archivist-channel-" + s.getLocalPort() + "-" + threads.incrementAndGet());
                    worker.setDaemon(true);
                    return worker;
                });
        pool.allowCoreThreadTimeOut(true);
        Thread t = new Thread(() -> acceptLoop(s, receiver), "archivist-channel-" + s.getLocalPort());
        t.setDaemon(true);
        acceptor = t;
        t.start();
        LOG.info("announcement channel listening on 127.0.0.1:{}", s.getLocalPort());
    }

    private void acceptLoop(ServerSocket s, Consumer<byte[]> receiver) {
        while (!s.isClosed()) {
            Socket socket;
            try {
                socket = s.accept();
            } catch (IOException e) {
                if (!s.isClosed()) {
                    warnings.warn("failed accepts", "the listening socket", e.getMessage());
                }
                continue;
            }
            InetAddress peer = socket.getInetAddress();
            AtomicInteger open = perPeer.computeIfAbsent(peer, p -> new AtomicInteger());
            if (open.incrementAndGet() > maxConnectionsPerPeer) {
                release(peer, open);
                warnings.warn("connections over the limit of " + maxConnectionsPerPeer + " per peer", peer.toString(),
                        "closed at once");
                closeQuietly(socket);
                continue;
            }
            try {
                pool.execute(() -> {
                    try {
                        serve(socket, receiver);
                    } finally {
                        release(peer, open);
                        closeQuietly(socket);
                    }
                });
            } catch (RejectedExecutionException busy) {
                release(peer, open);
                warnings.warn("connections over the limit of " + maxConnections, "all peers", "closed at once");
                closeQuietly(socket);
            }
        }
    }

    /** Reads frames until the peer closes; each frame must arrive whole within the frame deadline. */
    private void serve(Socket socket, Consumer<byte[]> receiver) {
        String peer = String.valueOf(socket.getInetAddress());
        try {
            DeadlineReader in = new DeadlineReader(socket);
            byte[] header = new byte[4];
            while (true) {
                long deadline = System.nanoTime() + frameDeadlineNanos;
                if (!in.readFully(header, deadline, true)) {
                    return;
                }
                int length = ByteBuffer.wrap(header).getInt();
                if (length < 0 || length > MAX_FRAME) {
                    warnings.warn("oversized frames", peer, "frame length " + length + ", connection dropped");
                    return;
                }
                byte[] frame = new byte[length];
                in.readFully(frame, deadline, false);
                synchronized (deliveryLock) {
                    receiver.accept(frame);
                }
            }
        } catch (SocketTimeoutException slow) {
            warnings.warn("slow connections", peer, slow.getMessage() + ", connection dropped");
        } catch (IOException | RuntimeException e) {
            if (!isClosed()) {
                warnings.warn("failed connections", peer, e.toString());
            }
        }
    }

    private boolean isClosed() {
        ServerSocket s = server;
        return s == null || s.isClosed();
    }

    private void release(InetAddress peer, AtomicInteger open) {
        if (open.decrementAndGet() <= 0) {
            perPeer.remove(peer, open);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void send(byte[] frame) throws IOException {
        List<String> failures = new ArrayList<>();
        int delivered = 0;
        for (InetSocketAddress peer : peers) {
            try (Socket socket = new Socket()) {
                socket.connect(peer, CONNECT_TIMEOUT_MS);
                DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                out.writeInt(frame.length);
                out.write(frame);
                out.flush();
                delivered++;
            } catch (IOException e) {
                failures.add(peer.getPort() + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            LOG.warn("announcement not delivered to {} of {} peers: {}", failures.size(), peers.size(), failures);
        }
        if (delivered == 0 && !peers.isEmpty()) {
            throw new IOException("no peer reachable: " + failures);
        }
    }

    @Override
    public void close() {
        ServerSocket s = server;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        Thread t = acceptor;
        if (t != null) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ThreadPoolExecutor p = pool;
        if (p != null) {
            p.shutdownNow();
        }
        warnings.flush();
    }
}

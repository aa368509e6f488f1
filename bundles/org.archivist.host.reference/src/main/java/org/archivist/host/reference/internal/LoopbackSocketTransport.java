package org.archivist.host.reference.internal;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects reference hosts in different processes on one machine: each listens on a 127.0.0.1 port
 * and sends every frame to the ports of its configured peers (length-prefixed over one short TCP
 * connection per peer, acknowledged by the receiver). A send fails only when no peer took the frame.
 *
 * <p>The receiving side ({@link FrameServer}) serves every connection on one thread without blocking: each
 * frame must arrive whole within a deadline, a new connection is always admitted (over the limit per peer
 * address, or in total, the oldest connection of that peer, or of the busiest one, is closed to make room),
 * and buffered bytes are bounded. A flood of connections held open therefore cannot keep a legitimate
 * announcement out: its own oldest connections are what gets closed, and a sender whose frame was not
 * acknowledged (closed to make room, queue full) sends it again, a few times, within a bounded time.
 * Repeated warnings are summarised ({@link RepeatedWarnings}).
 */
public final class LoopbackSocketTransport implements AnnouncementTransport {
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackSocketTransport.class);
    private static final int CONNECT_TIMEOUT_MS = 2000;
    /** How long one whole frame may take to arrive (not a per-byte timeout). */
    static final Duration FRAME_DEADLINE = Duration.ofSeconds(5);
    static final int MAX_CONNECTIONS = 256;
    static final int MAX_CONNECTIONS_PER_PEER = 128;
    /** Bytes buffered for incomplete frames, all connections together. */
    static final long BUFFER_BUDGET = 16L << 20;
    /** Attempts per peer when a frame is not acknowledged; the waits between them double from 50 ms. */
    static final int SEND_ATTEMPTS = 6;
    private static final int MAX_FRAME = AnnouncementFrame.MAX_MESSAGE + AnnouncementFrame.MAX_CHAT_ID + 8;

    private final int port;
    private final List<InetSocketAddress> peers = new CopyOnWriteArrayList<>();
    private final FrameServer.Limits limits;
    private final RepeatedWarnings warnings = new RepeatedWarnings(LOG);
    private volatile FrameServer server;
    private volatile int localPort = -1;

    /**
     * @param port the 127.0.0.1 port to listen on, 0 for any free one, -1 to only send
     * @param peers the other hosts, as {@code port} or {@code 127.0.0.1:port}
     */
    public LoopbackSocketTransport(int port, List<String> peers) {
        this(port, peers, FRAME_DEADLINE, MAX_CONNECTIONS, MAX_CONNECTIONS_PER_PEER);
    }

    /**
     * With other limits (tests): a whole frame must arrive within {@code frameDeadline}; at most
     * {@code maxConnections} connections are open at once, {@code maxConnectionsPerPeer} from one address
     * (on loopback every peer has the same address, so this bounds them together).
     */
    LoopbackSocketTransport(int port, List<String> peers, Duration frameDeadline, int maxConnections,
            int maxConnectionsPerPeer) {
        if (frameDeadline.isNegative() || frameDeadline.isZero() || maxConnections <= 0
                || maxConnectionsPerPeer <= 0) {
            throw new IllegalArgumentException("the channel's deadline and connection limits must be positive");
        }
        this.port = port;
        this.limits = new FrameServer.Limits(frameDeadline.toNanos(), maxConnections, maxConnectionsPerPeer,
                MAX_FRAME, BUFFER_BUDGET);
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
        return localPort;
    }

    @Override
    public void start(Consumer<byte[]> receiver) throws IOException {
        if (port < 0) {
            return;
        }
        ServerSocketChannel s = ServerSocketChannel.open();
        try {
            s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
            server = new FrameServer(s, limits, receiver, warnings).start();
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        localPort = s.socket().getLocalPort();
        LOG.info("announcement channel listening on 127.0.0.1:{}", localPort);
    }

    /** Connections the server holds open now (tests). */
    int openConnections() {
        FrameServer s = server;
        return s == null ? 0 : s.openConnections();
    }

    @Override
    public void send(byte[] frame) throws IOException {
        List<String> failures = new ArrayList<>();
        int delivered = 0;
        for (InetSocketAddress peer : peers) {
            try {
                sendTo(peer, frame);
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

    /** Sends until the peer acknowledges; a refused connection (nobody listening) is not tried again. */
    private void sendTo(InetSocketAddress peer, byte[] frame) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < SEND_ATTEMPTS; attempt++) {
            if (attempt > 0) {
                try {
                    Thread.sleep(50L << (attempt - 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while sending again", e);
                }
            }
            try (Socket socket = new Socket()) {
                socket.connect(peer, CONNECT_TIMEOUT_MS);
                socket.setTcpNoDelay(true);
                socket.setSoTimeout((int) FRAME_DEADLINE.toMillis());
                DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                out.writeInt(frame.length);
                out.write(frame);
                out.flush();
                InputStream in = socket.getInputStream();
                int answer = in.read();
                if (answer == FrameServer.ACK) {
                    return;
                }
                last = new IOException("the frame was not acknowledged (" + (answer < 0 ? "connection closed"
                        : "answer " + answer) + ")");
            } catch (ConnectException refused) {
                throw refused;
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException("not taken after " + SEND_ATTEMPTS + " attempts: " + last.getMessage(), last);
    }

    @Override
    public void close() {
        FrameServer s = server;
        if (s != null) {
            s.close();
        }
        warnings.flush();
    }
}

package org.archivist.host.reference.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects reference hosts in different processes on one machine: each listens on a 127.0.0.1 port
 * and sends every frame to the ports of its configured peers (length-prefixed over one short TCP
 * connection per peer). A send fails only when no peer could be reached.
 */
public final class LoopbackSocketTransport implements AnnouncementTransport {
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackSocketTransport.class);
    private static final int CONNECT_TIMEOUT_MS = 2000;
    private static final int READ_TIMEOUT_MS = 10_000;

    private final int port;
    private final List<InetSocketAddress> peers = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile Thread acceptor;

    /**
     * @param port the 127.0.0.1 port to listen on, 0 for any free one, -1 to only send
     * @param peers the other hosts, as {@code port} or {@code 127.0.0.1:port}
     */
    public LoopbackSocketTransport(int port, List<String> peers) {
        this.port = port;
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
        Thread t = new Thread(() -> acceptLoop(s, receiver), "archivist-channel-" + s.getLocalPort());
        t.setDaemon(true);
        acceptor = t;
        t.start();
        LOG.info("announcement channel listening on 127.0.0.1:{}", s.getLocalPort());
    }

    private void acceptLoop(ServerSocket s, Consumer<byte[]> receiver) {
        while (!s.isClosed()) {
            try (Socket socket = s.accept()) {
                socket.setSoTimeout(READ_TIMEOUT_MS);
                DataInputStream in = new DataInputStream(socket.getInputStream());
                while (true) {
                    int length;
                    try {
                        length = in.readInt();
                    } catch (EOFException end) {
                        break;
                    }
                    if (length < 0 || length > AnnouncementFrame.MAX_MESSAGE + AnnouncementFrame.MAX_CHAT_ID + 8) {
                        LOG.warn("dropping a connection from {}: frame length {}", socket.getRemoteSocketAddress(), length);
                        break;
                    }
                    receiver.accept(in.readNBytes(length));
                }
            } catch (SocketException closed) {
                if (!s.isClosed()) {
                    LOG.warn("announcement connection failed: {}", closed.getMessage());
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("announcement connection failed: {}", e.toString());
            }
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
    }
}

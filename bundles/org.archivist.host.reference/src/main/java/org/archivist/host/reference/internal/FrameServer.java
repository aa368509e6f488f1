package org.archivist.host.reference.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The receiving side of the loopback announcement channel: one thread serves every connection (non-blocking),
 * so an idle or trickling connection costs a socket and a few bytes, never a thread. Each frame must arrive
 * whole before a deadline. A new connection is always admitted: over the limit per peer address, that peer's
 * oldest connection is closed to make room; over the total limit, the oldest of the peer holding the most
 * connections. A flood therefore evicts itself, while a legitimate sender, whose frame follows its connect
 * at once, is read the moment it is readable. Frames are handed to the receiver on one delivery thread, in
 * order, through a bounded queue, and each one queued is acknowledged with one byte ({@link #ACK}): a sender
 * that gets no acknowledgement knows its frame was not taken and sends it again. Bytes buffered for
 * incomplete frames are bounded as a whole (the largest holder is closed beyond the budget).
 */
final class FrameServer implements AutoCloseable {
    /** The acknowledgement of a frame taken for delivery. */
    static final byte ACK = 0x06;
    private static final int ACCEPTS_PER_ROUND = 32;
    private static final int DELIVERY_QUEUE = 64;

    /** The server's limits. */
    record Limits(long frameDeadlineNanos, int maxConnections, int maxConnectionsPerPeer, int maxFrame,
            long bufferBudget) {
    }

    private final ServerSocketChannel server;
    private final Selector selector;
    private final Limits limits;
    private final RepeatedWarnings warnings;
    private final ThreadPoolExecutor delivery;
    private final Consumer<byte[]> receiver;
    private final Map<InetAddress, LinkedHashSet<ChannelConnection>> byPeer = new HashMap<>();
    private final ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);
    private final ByteBuffer ack = ByteBuffer.allocate(1);
    private final Thread thread;
    private volatile int open;
    private long serials;
    private long buffered;

    FrameServer(ServerSocketChannel server, Limits limits, Consumer<byte[]> receiver, RepeatedWarnings warnings)
            throws IOException {
        this.server = server;
        this.limits = limits;
        this.receiver = receiver;
        this.warnings = warnings;
        this.selector = Selector.open();
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        int port = server.socket().getLocalPort();
        this.delivery = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(DELIVERY_QUEUE),
                r -> daemon(r, "archivist-channel-" + port + "-delivery"));
        delivery.allowCoreThreadTimeOut(true);
        this.thread = daemon(this::loop, "archivist-channel-" + port);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    FrameServer start() {
        thread.start();
        return this;
    }

    private void loop() {
        try {
            while (selector.isOpen()) {
                selector.select(Math.max(1, Math.min(1000, (nearestDeadline() - System.nanoTime()) / 1_000_000 + 1)));
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        acceptSome();
                    } else if (key.isReadable()) {
                        serve((ChannelConnection) key.attachment());
                    }
                }
                expire();
            }
        } catch (ClosedSelectorException closed) {
            // closing
        } catch (IOException | RuntimeException e) {
            if (selector.isOpen()) {
                warnings.warn("channel failures", "the channel's server", e.toString());
            }
        } finally {
            closeAll();
        }
    }

    private void acceptSome() {
        for (int i = 0; i < ACCEPTS_PER_ROUND; i++) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                warnings.warn("failed accepts", "the listening socket", e.getMessage());
                return;
            }
            if (ch == null) {
                return;
            }
            try {
                admit(ch);
            } catch (IOException e) {
                warnings.warn("failed connections", "a new connection", e.toString());
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    private void admit(SocketChannel ch) throws IOException {
        InetAddress peer = ((InetSocketAddress) ch.getRemoteAddress()).getAddress();
        LinkedHashSet<ChannelConnection> fromPeer = byPeer.computeIfAbsent(peer, p -> new LinkedHashSet<>());
        if (fromPeer.size() >= limits.maxConnectionsPerPeer()) {
            evict(fromPeer.iterator().next(), "connections over the limit of " + limits.maxConnectionsPerPeer()
                    + " per peer", "its oldest connection closed to make room");
        } else if (open >= limits.maxConnections()) {
            LinkedHashSet<ChannelConnection> busiest = fromPeer;
            for (LinkedHashSet<ChannelConnection> s : byPeer.values()) {
                if (s.size() > busiest.size()) {
                    busiest = s;
                }
            }
            ChannelConnection victim = busiest.iterator().next();
            evict(victim, "connections over the limit of " + limits.maxConnections(),
                    "the oldest connection of the busiest peer (" + victim.peer + ") closed to make room");
        }
        ch.configureBlocking(false);
        ch.socket().setTcpNoDelay(true);
        SelectionKey key = ch.register(selector, SelectionKey.OP_READ);
        ChannelConnection c = new ChannelConnection(ch, key, peer, serials++, limits.maxFrame(),
                System.nanoTime() + limits.frameDeadlineNanos());
        key.attach(c);
        byPeer.computeIfAbsent(peer, p -> new LinkedHashSet<>()).add(c);
        open++;
        serve(c); // its frame is usually there already
    }

    private void serve(ChannelConnection c) {
        long before = c.buffered();
        try {
            for (Optional<byte[]> frame; (frame = c.read(scratch, limits.frameDeadlineNanos())).isPresent();) {
                deliver(c, frame.get());
            }
            buffered += c.buffered() - before;
            enforceBudget();
        } catch (ChannelConnection.ClosedByPeer done) {
            drop(c, before);
        } catch (ChannelConnection.FrameException oversized) {
            warnings.warn("oversized frames", String.valueOf(c.peer), oversized.getMessage() + ", connection dropped");
            drop(c, before);
        } catch (EOFException | RuntimeException e) {
            warnings.warn("failed connections", String.valueOf(c.peer), e.toString());
            drop(c, before);
        } catch (IOException e) {
            if (selector.isOpen()) {
                warnings.warn("failed connections", String.valueOf(c.peer), e.toString());
            }
            drop(c, before);
        }
    }

    private void deliver(ChannelConnection c, byte[] frame) throws IOException {
        try {
            delivery.execute(() -> receiver.accept(frame));
        } catch (RejectedExecutionException full) {
            warnings.warn("frames not taken (delivery queue full)", String.valueOf(c.peer),
                    "not acknowledged; the sender sends it again");
            return;
        }
        ack.clear();
        ack.put(ACK).flip();
        c.channel.write(ack);
    }

    private void enforceBudget() {
        while (buffered > limits.bufferBudget()) {
            ChannelConnection largest = null;
            for (LinkedHashSet<ChannelConnection> s : byPeer.values()) {
                for (ChannelConnection c : s) {
                    if (largest == null || c.buffered() > largest.buffered()) {
                        largest = c;
                    }
                }
            }
            if (largest == null) {
                buffered = 0;
                return;
            }
            evict(largest, "connections over the buffer budget of " + limits.bufferBudget() + " bytes",
                    "the one holding the most (" + largest.buffered() + " bytes) closed");
        }
    }

    private void evict(ChannelConnection c, String kind, String detail) {
        warnings.warn(kind, String.valueOf(c.peer), detail);
        drop(c, c.buffered());
    }

    private void drop(ChannelConnection c, long countedBuffer) {
        LinkedHashSet<ChannelConnection> s = byPeer.get(c.peer);
        if (s != null && s.remove(c)) {
            open--;
            buffered -= countedBuffer;
            if (s.isEmpty()) {
                byPeer.remove(c.peer);
            }
        }
        c.close();
    }

    private long nearestDeadline() {
        long nearest = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (LinkedHashSet<ChannelConnection> s : byPeer.values()) {
            for (ChannelConnection c : s) {
                nearest = Math.min(nearest, c.deadline());
            }
        }
        return nearest;
    }

    private void expire() {
        long now = System.nanoTime();
        List<ChannelConnection> late = new ArrayList<>();
        for (LinkedHashSet<ChannelConnection> s : byPeer.values()) {
            for (ChannelConnection c : s) {
                if (now - c.deadline() > 0) {
                    late.add(c);
                }
            }
        }
        for (ChannelConnection c : late) {
            warnings.warn("slow connections", String.valueOf(c.peer), "no whole frame within "
                    + TimeUnit.NANOSECONDS.toMillis(limits.frameDeadlineNanos()) + " ms, connection dropped");
            drop(c, c.buffered());
        }
    }

    /** Connections open now (tests). */
    int openConnections() {
        return open;
    }

    private void closeAll() {
        for (LinkedHashSet<ChannelConnection> s : new ArrayList<>(byPeer.values())) {
            for (ChannelConnection c : new ArrayList<>(s)) {
                c.close();
            }
        }
        byPeer.clear();
        open = 0;
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delivery.shutdownNow();
    }
}

package org.archivist.storage.bittorrent.internal.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A peer that lies: it dials a client for a torrent, claims every piece, unchokes at once and answers every
 * block request with random bytes. When dropped it dials again, as a hostile peer would. Plain BitTorrent
 * handshake (bt accepts unencrypted incoming connections).
 */
public final class HostilePeer implements AutoCloseable {
    private final InetSocketAddress target;
    private final byte[] infoHash;
    private final int pieces;
    private final Thread thread;
    private final AtomicInteger blocksSent = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closed;
    private volatile Socket socket;

    public HostilePeer(InetSocketAddress target, byte[] infoHash, int pieces) {
        this.target = target;
        this.infoHash = infoHash.clone();
        this.pieces = pieces;
        this.thread = new Thread(this::run, "hostile-peer");
        this.thread.setDaemon(true);
    }

    public HostilePeer start() {
        thread.start();
        return this;
    }

    /** Garbage blocks sent so far. */
    public int blocksSent() {
        return blocksSent.get();
    }

    /** Connections that got through the handshake. */
    public int connections() {
        return connections.get();
    }

    private void run() {
        Random random = new Random(666);
        while (!closed) {
            try (Socket s = new Socket()) {
                socket = s;
                s.connect(target, 2000);
                s.setSoTimeout(30_000);
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                DataInputStream in = new DataInputStream(s.getInputStream());
                out.writeByte(19);
                out.write("BitTorrent protocol".getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[8]);
                out.write(infoHash);
                out.write("-HP0001-hostilepeer!".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                byte[] handshake = new byte[68];
                in.readFully(handshake);
                connections.incrementAndGet();
                byte[] bitfield = new byte[(pieces + 7) / 8];
                for (int p = 0; p < pieces; p++) {
                    bitfield[p / 8] |= (byte) (0x80 >>> (p % 8));
                }
                out.writeInt(1 + bitfield.length);
                out.writeByte(5);
                out.write(bitfield);
                out.writeInt(1);
                out.writeByte(1); // unchoke
                out.flush();
                while (!closed) {
                    int length = in.readInt();
                    if (length == 0) {
                        continue;
                    }
                    int id = in.readUnsignedByte();
                    byte[] payload = new byte[length - 1];
                    in.readFully(payload);
                    if (id == 6 && payload.length == 12) {
                        java.nio.ByteBuffer request = java.nio.ByteBuffer.wrap(payload);
                        int index = request.getInt();
                        int begin = request.getInt();
                        int size = request.getInt();
                        byte[] junk = new byte[size];
                        random.nextBytes(junk);
                        out.writeInt(9 + size);
                        out.writeByte(7);
                        out.writeInt(index);
                        out.writeInt(begin);
                        out.write(junk);
                        out.flush();
                        blocksSent.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                // dropped or refused: dial again
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Leaves garbage in bt's block registry: dials the client for a torrent it serves, sends unrequested blocks
     * of random bytes for the given piece of <em>any</em> torrent (the registry is keyed by piece and offset
     * only), then, in the same write, a message of an unknown type. bt decodes and registers the blocks, fails
     * on the next message and closes the connection, so the blocks' messages are never dispatched and their
     * buffers stay in the registry, to be taken by the next peer's message for the same piece and offset.
     * Returns once the client closed the connection.
     */
    public static void poison(InetSocketAddress target, byte[] infoHash, int piece, int pieceLength, int blockSize)
            throws IOException, InterruptedException {
        Random random = new Random(piece);
        try (Socket s = new Socket()) {
            s.connect(target, 2000);
            s.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(s.getOutputStream(),
                    pieceLength + 1024));
            DataInputStream in = new DataInputStream(s.getInputStream());
            out.writeByte(19);
            out.write("BitTorrent protocol".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[8]);
            out.write(infoHash);
            out.write("-HP0001-poisonpeer!!".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] handshake = new byte[68];
            in.readFully(handshake);
            Thread.sleep(300); // bt activates the connection
            for (int offset = 0; offset < pieceLength; offset += blockSize) {
                int size = Math.min(blockSize, pieceLength - offset);
                byte[] junk = new byte[size];
                random.nextBytes(junk);
                out.writeInt(9 + size);
                out.writeByte(7);
                out.writeInt(piece);
                out.writeInt(offset);
                out.write(junk);
            }
            out.writeInt(1);
            out.writeByte(99); // unknown message type: bt drops the connection
            out.flush();
            byte[] sink = new byte[4096];
            while (in.read(sink) >= 0) {
                // until bt closes
            }
        } catch (java.net.SocketException e) {
            // reset by bt: closed
        }
    }

    @Override
    public void close() {
        closed = true;
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        thread.interrupt();
    }
}

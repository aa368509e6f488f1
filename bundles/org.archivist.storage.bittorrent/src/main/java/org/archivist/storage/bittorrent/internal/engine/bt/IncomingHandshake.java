package org.archivist.storage.bittorrent.internal.engine.bt;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

import javax.crypto.Cipher;

import bt.metainfo.TorrentId;
import bt.protocol.crypto.MSECipher;

/**
 * The receiving side of a connection's first bytes, in place of bt 1.10's: tells a plaintext BitTorrent handshake
 * from an encrypted one (Message Stream Encryption, MSE/PE) and, for the latter, runs the receiver's half of
 * the key exchange. bt's own version had two faults that cost every Archivist seed its libtorrent peers' time:
 * <ul>
 * <li>it polled the non-blocking socket and slept 1 s whenever the bytes it needed were not there yet (almost
 * always at the first read), so each incoming connection waited about a second per handshake step;</li>
 * <li>it decrypted only the initial payload (IA: libtorrent's BitTorrent handshake, sent RC4-encrypted in step
 * 3) that happened to arrive with step 3; with plaintext chosen, an IA arriving a moment later was read as
 * plaintext garbage and the connection dropped; with RC4 chosen, the bytes it had decrypted were decrypted
 * again by the connection's pipeline, so a peer requiring encryption never got a piece.</li>
 * </ul>
 * Here every read waits on a selector (no polling) until the bytes are there or the deadline passes, the IA is
 * read whole and decrypted once, and what follows is handed over as plaintext; with RC4 chosen, the returned
 * cipher continues exactly where the handshake left it.
 */
final class IncomingHandshake {
    static final byte[] PROTOCOL = "\u0013BitTorrent protocol".getBytes(StandardCharsets.US_ASCII);
    private static final BigInteger P = new BigInteger("FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
            + "29024E088A67CC74020BBEA63B139B22514A08798E3404DD"
            + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245"
            + "E485B576625E7EC6F44C42E9A63A36210000000000090563", 16);
    private static final BigInteger G = BigInteger.TWO;
    private static final int KEY_BYTES = 96;
    private static final int MAX_PADDING = 512;
    private static final int PLAINTEXT = 0x01;
    private static final int RC4 = 0x02;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SocketChannel channel;
    private final long deadline;
    private final ByteBuffer in = ByteBuffer.allocate(KEY_BYTES + MAX_PADDING + 20 + 20 + 8 + 4 + 2 + MAX_PADDING
            + 2 + 65_535 + 16 * 1024);

    private IncomingHandshake(SocketChannel channel, Duration timeout) {
        this.channel = channel;
        this.deadline = System.nanoTime() + timeout.toNanos();
    }

    /**
     * What the peer sent after its handshake's encryption layer, in plaintext (at least its BitTorrent handshake),
     * and the cipher of the connection if RC4 was chosen.
     */
    record Result(byte[] plaintext, Optional<MSECipher> cipher) {
    }

    /**
     * Reads the connection's first bytes and answers an MSE handshake.
     *
     * @param torrents the info hashes served (an MSE initiator names one only through a hash)
     * @throws IOException on a closed connection, a timeout, or bytes that are neither handshake
     */
    static Result accept(SocketChannel channel, Collection<TorrentId> torrents, Duration timeout) throws IOException {
        return new IncomingHandshake(channel, timeout).run(torrents);
    }

    private Result run(Collection<TorrentId> torrents) throws IOException {
        channel.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            readAtLeast(selector, PROTOCOL.length);
            if (Arrays.equals(Arrays.copyOf(in.array(), PROTOCOL.length), PROTOCOL)) {
                return new Result(Arrays.copyOf(in.array(), in.position()), Optional.empty());
            }
            return encrypted(selector, torrents);
        } finally {
            channel.configureBlocking(false); // closing the selector deregistered the channel
        }
    }

    private Result encrypted(Selector selector, Collection<TorrentId> torrents) throws IOException {
        // 1. A->B: Ya, PadA
        readAtLeast(selector, KEY_BYTES);
        BigInteger ya = new BigInteger(1, Arrays.copyOf(in.array(), KEY_BYTES));
        // 2. B->A: Yb, PadB
        BigInteger xb = new BigInteger(160, RANDOM);
        writeFully(concat(unsigned(G.modPow(xb, P)), randomBytes(RANDOM.nextInt(MAX_PADDING + 1))));
        byte[] s = unsigned(ya.modPow(xb, P));
        // 3. A->B: HASH('req1', S), HASH('req2', SKEY) xor HASH('req3', S), ENCRYPT(VC, crypto_provide, len(PadC),
        //    PadC, len(IA)), ENCRYPT(IA). PadA may still be arriving: synchronise on HASH('req1', S).
        byte[] req1 = sha1("req1".getBytes(StandardCharsets.US_ASCII), s);
        int at = syncOn(selector, req1, KEY_BYTES, KEY_BYTES + MAX_PADDING);
        int pos = at + 20;
        readAtLeast(selector, pos + 20 + 8 + 4 + 2);
        byte[] skeyHash = Arrays.copyOfRange(in.array(), pos, pos + 20);
        pos += 20;
        byte[] req3 = sha1("req3".getBytes(StandardCharsets.US_ASCII), s);
        TorrentId torrent = null;
        for (TorrentId id : torrents) {
            if (Arrays.equals(xor(sha1("req2".getBytes(StandardCharsets.US_ASCII), id.getBytes()), req3), skeyHash)) {
                torrent = id;
                break;
            }
        }
        if (torrent == null) {
            throw new IOException("encrypted handshake for a torrent not served here");
        }
        MSECipher cipher = MSECipher.forReceiver(s, torrent);
        Cipher decrypt = cipher.getDecryptionCipher();
        byte[] header = decrypt.update(in.array(), pos, 8 + 4 + 2);
        pos += 14;
        for (int i = 0; i < 8; i++) {
            if (header[i] != 0) {
                throw new IOException("encrypted handshake with a wrong verification constant");
            }
        }
        int provide = ByteBuffer.wrap(header, 8, 4).getInt();
        int padC = ByteBuffer.wrap(header, 12, 2).getShort() & 0xFFFF;
        if (padC > MAX_PADDING) {
            throw new IOException("encrypted handshake with " + padC + " bytes of padding");
        }
        readAtLeast(selector, pos + padC + 2);
        decrypt.update(in.array(), pos, padC); // PadC: discarded, but the cipher must pass over it
        pos += padC;
        int iaLength = ByteBuffer.wrap(decrypt.update(in.array(), pos, 2)).getShort() & 0xFFFF;
        pos += 2;
        readAtLeast(selector, pos + iaLength);
        byte[] ia = iaLength == 0 ? new byte[0] : decrypt.update(in.array(), pos, iaLength);
        pos += iaLength;
        int select = (provide & PLAINTEXT) != 0 ? PLAINTEXT : (provide & RC4) != 0 ? RC4 : 0;
        if (select == 0) {
            throw new IOException("encrypted handshake offering neither plaintext nor RC4: " + provide);
        }
        // 4. B->A: ENCRYPT(VC, crypto_select, len(PadD), PadD), then the payload stream (RC4 or plaintext)
        ByteBuffer answer = ByteBuffer.allocate(8 + 4 + 2);
        answer.position(8);
        answer.putInt(select);
        answer.putShort((short) 0);
        writeFully(cipher.getEncryptionCipher().update(answer.array()));
        // bytes past the IA belong to the payload stream: RC4 continues, plaintext is as is
        byte[] rest = Arrays.copyOfRange(in.array(), pos, in.position());
        if (select == RC4 && rest.length > 0) {
            rest = decrypt.update(rest);
        }
        return new Result(concat(ia, rest), select == RC4 ? Optional.of(cipher) : Optional.empty());
    }

    /** Reads until the buffer holds at least {@code n} bytes. */
    private void readAtLeast(Selector selector, int n) throws IOException {
        while (in.position() < n) {
            readSome(selector);
        }
    }

    /** Reads until {@code pattern} is found at an offset in [from, to]; returns that offset. */
    private int syncOn(Selector selector, byte[] pattern, int from, int to) throws IOException {
        while (true) {
            for (int at = from; at + pattern.length <= in.position() && at <= to; at++) {
                if (Arrays.equals(in.array(), at, at + pattern.length, pattern, 0, pattern.length)) {
                    return at;
                }
            }
            if (in.position() >= to + pattern.length) {
                throw new IOException("encrypted handshake: the peer does not know the shared secret");
            }
            readSome(selector);
        }
    }

    private void readSome(Selector selector) throws IOException {
        if (!in.hasRemaining()) {
            throw new IOException("handshake longer than any valid one");
        }
        while (true) {
            int read = channel.read(in);
            if (read < 0) {
                throw new IOException("the peer closed the connection during the handshake");
            }
            if (read > 0) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException("handshake timed out");
            }
            selector.select(Math.max(1, left / 1_000_000));
            selector.selectedKeys().clear();
        }
    }

    private void writeFully(byte[] bytes) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(bytes);
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("handshake timed out while sending");
                }
                Thread.onSpinWait();
            }
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[KEY_BYTES];
        int copy = Math.min(raw.length, KEY_BYTES);
        System.arraycopy(raw, raw.length - copy, out, KEY_BYTES - copy, copy);
        return out;
    }

    private static byte[] sha1(byte[] a, byte[] b) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            digest.update(a);
            digest.update(b);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

package org.archivist.itests;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a BitTorrent listener, as a peer would, whether it serves a torrent: a plaintext handshake naming the
 * info-hash is answered with the same info-hash only by a node that seeds (or fetches) that torrent.
 */
final class BtHandshake {
    private static final Pattern BTIH = Pattern.compile("xt=urn:btih:([0-9a-fA-F]{40})");
    private static final byte[] PROTOCOL = "BitTorrent protocol".getBytes(StandardCharsets.US_ASCII);

    private BtHandshake() {
    }

    static String infoHash(String magnet) {
        Matcher m = BTIH.matcher(magnet);
        if (!m.find()) {
            throw new IllegalArgumentException("not a magnet link with a hex info-hash: " + magnet);
        }
        return m.group(1).toLowerCase(Locale.ROOT);
    }

    /** True if the listener answers a handshake for {@code infoHashHex} with that info-hash. */
    static boolean served(int port, String infoHashHex) {
        byte[] infoHash = HexFormat.of().parseHex(infoHashHex);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 3000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(PROTOCOL.length);
            out.write(PROTOCOL);
            out.write(new byte[8]);
            out.write(infoHash);
            byte[] peerId = "-IT0001-".concat("000000000000").getBytes(StandardCharsets.US_ASCII);
            out.write(peerId);
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] answer = new byte[1 + PROTOCOL.length + 8 + 20];
            in.readFully(answer);
            return Arrays.equals(Arrays.copyOfRange(answer, 1 + PROTOCOL.length + 8, answer.length), infoHash);
        } catch (IOException refusedOrClosed) {
            return false;
        }
    }

    /** True if something accepts TCP connections on the loopback port. */
    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

package org.archivist.storage.bittorrent.internal.metainfo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A BitTorrent v1 magnet link as status-go writes it ({@code metaInfo.Magnet(nil, &info).String()} in
 * anacrolix/torrent): {@code magnet:?xt=urn:btih:<hex>} followed by the other parameters sorted by key with
 * values escaped like Go's {@code url.QueryEscape}. Parsing accepts any parameter order, base32 info hashes,
 * and {@code x.pe} peer hints ({@code host:port}).
 */
public record MagnetLink(String infoHashHex, Optional<String> displayName, List<String> trackers, List<String> peers) {
    private static final String PREFIX = "magnet:?";
    private static final String BTIH = "urn:btih:";

    public MagnetLink {
        Objects.requireNonNull(infoHashHex, "infoHashHex");
        infoHashHex = infoHashHex.toLowerCase(Locale.ROOT);
        if (!infoHashHex.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException("info hash must be 40 hex digits: " + infoHashHex);
        }
        displayName = Objects.requireNonNull(displayName, "displayName");
        trackers = List.copyOf(trackers);
        peers = List.copyOf(peers);
    }

    public static MagnetLink of(byte[] infoHash, String name, List<String> trackers) {
        return new MagnetLink(HexFormat.of().formatHex(infoHash), Optional.of(name), trackers, List.of());
    }

    public byte[] infoHash() {
        return HexFormat.of().parseHex(infoHashHex);
    }

    /** The same link with extra {@code x.pe} peer hints. */
    public MagnetLink withPeers(List<String> extraPeers) {
        List<String> all = new ArrayList<>(peers);
        all.addAll(extraPeers);
        return new MagnetLink(infoHashHex, displayName, trackers, all);
    }

    /** The same link without {@code dn}, so that a client stores files under the info dict's own name. */
    public MagnetLink withoutDisplayName() {
        return new MagnetLink(infoHashHex, Optional.empty(), trackers, peers);
    }

    /** The same link without trackers (when the engine runs tracker-less). */
    public MagnetLink withoutTrackers() {
        return new MagnetLink(infoHashHex, displayName, List.of(), peers);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(PREFIX).append("xt=").append(BTIH).append(infoHashHex);
        displayName.ifPresent(dn -> s.append("&dn=").append(queryEscape(dn)));
        trackers.forEach(tr -> s.append("&tr=").append(queryEscape(tr)));
        peers.forEach(pe -> s.append("&x.pe=").append(queryEscape(pe)));
        return s.toString();
    }

    public static MagnetLink parse(String uri) throws BencodeException {
        if (uri == null || !uri.startsWith(PREFIX)) {
            throw new BencodeException("not a magnet link (expected 'magnet:?...'): " + uri);
        }
        String hash = null;
        Optional<String> name = Optional.empty();
        List<String> trackers = new ArrayList<>();
        List<String> peers = new ArrayList<>();
        for (String param : uri.substring(PREFIX.length()).split("&")) {
            if (param.isEmpty()) {
                continue;
            }
            int eq = param.indexOf('=');
            String key = eq < 0 ? param : param.substring(0, eq);
            String value = eq < 0 ? "" : unescape(param.substring(eq + 1), uri);
            switch (key) {
                case "xt" -> {
                    if (value.regionMatches(true, 0, BTIH, 0, BTIH.length())) {
                        if (hash != null) {
                            throw new BencodeException("magnet link has two BitTorrent info hashes: " + uri);
                        }
                        hash = infoHashToHex(value.substring(BTIH.length()), uri);
                    }
                }
                case "dn" -> name = Optional.of(value);
                case "tr" -> trackers.add(value);
                case "x.pe" -> peers.add(value);
                default -> {
                    // other parameters (xl, ws, so, ...) do not concern us
                }
            }
        }
        if (hash == null) {
            throw new BencodeException("magnet link has no 'xt=urn:btih:' info hash: " + uri);
        }
        return new MagnetLink(hash, name, trackers, peers);
    }

    private static String infoHashToHex(String value, String uri) throws BencodeException {
        if (value.matches("[0-9a-fA-F]{40}")) {
            return value.toLowerCase(Locale.ROOT);
        }
        if (value.matches("[A-Za-z2-7]{32}")) {
            return HexFormat.of().formatHex(base32(value.toUpperCase(Locale.ROOT)));
        }
        throw new BencodeException("magnet info hash is neither 40 hex nor 32 base32 characters: " + uri);
    }

    private static byte[] base32(String s) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        byte[] out = new byte[20];
        long buffer = 0;
        int bits = 0;
        int n = 0;
        for (char c : s.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[n++] = (byte) (buffer >> bits);
            }
        }
        return out;
    }

    /** Go's {@code url.QueryEscape}: unreserved characters stay, space becomes '+', the rest %XX. */
    static String queryEscape(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String unescape(String s, String uri) throws BencodeException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new BencodeException("broken %-escape in magnet link: " + uri);
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new BencodeException("broken %-escape in magnet link: " + uri);
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}

package org.archivist.core.state;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.zip.CRC32;

import org.archivist.api.CommunityId;
import org.archivist.api.storage.LinkKind;

/**
 * The text form of a {@link CommunityState}: one record a line, values URL-encoded, and a CRC-32 of all
 * lines before it as the last line, so that a damaged file is detected rather than half read.
 *
 * <pre>
 * archivist-state 1
 * community 0x02...
 * last-archive-end 1579046400
 * link MAGNET 1700000000000 magnet%3A%3Fxt...
 * archive 0x5a... 1
 * ext migration.0x5a... zDv...
 * crc32 1a2b3c4d
 * </pre>
 */
final class StateFileFormat {
    static final String MAGIC = "archivist-state 1";

    private StateFileFormat() {
    }

    static String encode(CommunityState s) {
        StringBuilder b = new StringBuilder();
        b.append(MAGIC).append('\n');
        b.append("community ").append(s.community().hex()).append('\n');
        s.lastArchiveEnd().ifPresent(end -> b.append("last-archive-end ").append(end).append('\n'));
        s.links().forEach((kind, link) -> b.append("link ").append(kind.name()).append(' ').append(link.clock())
                .append(' ').append(link.lastLink().map(StateFileFormat::escape).orElse("-")).append('\n'));
        s.archives().forEach((id, imported) -> b.append("archive ").append(escape(id)).append(' ')
                .append(imported ? '1' : '0').append('\n'));
        s.extensions().forEach((k, v) -> b.append("ext ").append(escape(k)).append(' ').append(escape(v)).append('\n'));
        long crc = crc(b.toString());
        b.append("crc32 ").append(Long.toHexString(crc)).append('\n');
        return b.toString();
    }

    /** @throws IllegalArgumentException naming the line that is wrong */
    static CommunityState decode(String text) {
        int crcAt = text.lastIndexOf("crc32 ");
        if (!text.startsWith(MAGIC + "\n") || crcAt < 0) {
            throw new IllegalArgumentException("not an archivist state file (no header or no checksum)");
        }
        String body = text.substring(0, crcAt);
        String crcLine = text.substring(crcAt + 6).strip();
        if (!crcLine.equals(Long.toHexString(crc(body)))) {
            throw new IllegalArgumentException("checksum mismatch: the file was damaged");
        }
        CommunityId community = null;
        OptionalLong end = OptionalLong.empty();
        Map<LinkKind, LinkState> links = new HashMap<>();
        Map<String, Boolean> archives = new LinkedHashMap<>();
        Map<String, String> ext = new TreeMap<>();
        String[] lines = body.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(" ");
            try {
                switch (f[0]) {
                    case "community" -> community = CommunityId.of(f[1]);
                    case "last-archive-end" -> end = OptionalLong.of(Long.parseLong(f[1]));
                    case "link" -> links.put(new LinkKind(f[1]), new LinkState(Long.parseLong(f[2]),
                            f[3].equals("-") ? Optional.empty() : Optional.of(unescape(f[3]))));
                    case "archive" -> archives.put(unescape(f[1]), f[2].equals("1"));
                    case "ext" -> ext.put(unescape(f[1]), unescape(f[2]));
                    default -> {
                        // a record of a newer version: ignored
                    }
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " '" + lines[i] + "' is malformed: " + e, e);
            }
        }
        if (community == null) {
            throw new IllegalArgumentException("no community line");
        }
        return new CommunityState(community, end, links, archives, ext);
    }

    private static long crc(String s) {
        CRC32 crc = new CRC32();
        crc.update(s.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    private static String escape(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String unescape(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}

package org.archivist.scheduler.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchiveMetadata;
import org.archivist.api.ContentTopic;
import org.archivist.api.IndexEntry;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.TimeRange;
import org.archivist.api.storage.Announcement;
import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.LinkKind;

/**
 * TEST DOUBLE: the link format of a third, non-Status backend, to show that the SPI is open. Archives are
 * stored in named {@link Slot}s; the index is text, one line per archive ({@code id from to topics slot});
 * the announcement is {@code clock\nlink} and travels as its own application message type.
 */
final class SlotLinkFormat implements LinkFormat {
    static final LinkKind KIND = new LinkKind("SLOT");
    static final int ANNOUNCEMENT_TYPE = 9001;
    static final SlotLinkFormat INSTANCE = new SlotLinkFormat();

    /** Where the third backend stores a blob: a named slot. */
    record Slot(String key) implements ArchiveLocation {
        Slot {
            if (key == null || !key.matches("[a-z0-9]{1,64}")) {
                throw new IllegalArgumentException("bad slot key " + key);
            }
        }
    }

    @Override
    public LinkKind kind() {
        return KIND;
    }

    @Override
    public int announcementType() {
        return ANNOUNCEMENT_TYPE;
    }

    @Override
    public byte[] encodeAnnouncement(Announcement a) {
        return (a.clock() + "\n" + a.link()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Announcement decodeAnnouncement(byte[] payload) throws InvalidArchiveException {
        String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", 2);
        try {
            if (parts.length != 2 || parts[1].isBlank()) {
                throw new InvalidArchiveException("SLOT announcement without a link");
            }
            return new Announcement(Long.parseLong(parts[0]), parts[1]);
        } catch (NumberFormatException e) {
            throw new InvalidArchiveException("SLOT announcement with a bad clock", e);
        }
    }

    @Override
    public String archiveId(ArchiveMetadata metadata, ArchiveLocation location) {
        if (!(location instanceof Slot slot)) {
            throw new IllegalArgumentException("SLOT archives are stored in slots, not at " + location);
        }
        return "0x" + sha256(line(metadata, slot));
    }

    @Override
    public byte[] encodeIndex(Collection<IndexEntry> entries) {
        StringBuilder b = new StringBuilder();
        for (IndexEntry e : entries.stream().sorted(Comparator.comparingLong(e -> e.range().from())).toList()) {
            if (!archiveId(e.metadata(), e.location()).equals(e.archiveId())) {
                throw new IllegalArgumentException("entry " + e.archiveId() + " does not carry its own id");
            }
            b.append(e.archiveId()).append(' ').append(line(e.metadata(), (Slot) e.location())).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public List<IndexEntry> decodeIndex(byte[] plainIndex, int maxEntries) throws InvalidArchiveException {
        List<IndexEntry> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String line : new String(plainIndex, StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (entries.size() >= maxEntries) {
                throw new InvalidArchiveException("index lists more than " + maxEntries + " archives");
            }
            String[] f = line.split(" ");
            try {
                List<ContentTopic> topics = f[3].equals("-") ? List.of()
                        : java.util.Arrays.stream(f[3].split(",")).map(ContentTopic::of).toList();
                ArchiveMetadata metadata = new ArchiveMetadata(TimeRange.of(Long.parseLong(f[1]), Long.parseLong(f[2])),
                        topics);
                Slot slot = new Slot(f[4]);
                if (!archiveId(metadata, slot).equals(f[0]) || !ids.add(f[0])) {
                    throw new InvalidArchiveException("archive " + f[0] + " is altered or listed twice");
                }
                entries.add(new IndexEntry(f[0], metadata, slot));
            } catch (RuntimeException e) {
                throw new InvalidArchiveException("malformed SLOT index line '" + line + "': " + e, e);
            }
        }
        entries.sort(Comparator.comparingLong(e -> e.range().from()));
        return entries;
    }

    private static String line(ArchiveMetadata m, Slot slot) {
        String topics = m.topics().isEmpty() ? "-"
                : String.join(",", m.topics().stream().map(ContentTopic::toString).toList());
        return m.range().from() + " " + m.range().to() + " " + topics + " " + slot.key();
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

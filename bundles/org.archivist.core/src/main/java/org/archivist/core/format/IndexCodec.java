package org.archivist.core.format;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchiveLocation.ContentAddress;
import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.api.ArchiveMetadata;
import org.archivist.api.IndexEntry;
import org.archivist.api.InvalidArchiveException;
import org.archivist.core.internal.Decoders;
import org.archivist.core.internal.ProtoReader;
import org.archivist.proto.CodexWakuMessageArchiveIndex;
import org.archivist.proto.WakuMessageArchiveIndex;

/**
 * The Status index files: {@code WakuMessageArchiveIndex} (map of archive id to offset/size/padding, for
 * BitTorrent) and {@code CodexWakuMessageArchiveIndex} (map of archive id to CID, for Codex). Both are a map
 * at field 1; the caller says which one it reads or writes ({@link Shape}), nothing is guessed from the
 * entries' Java types. The link formats of {@code org.archivist.core.link} build on this class.
 *
 * <p>Decoding checks everything that can be checked from the bytes: the encoding, the metadata, each
 * id against the hash of its metadata, duplicate ids, the expected kind of location only, padding below
 * size, and no two piece ranges overlapping. {@link #checkWithin} adds the bound of the data file.
 */
public final class IndexCodec {
    /** The two Status index shapes. */
    public enum Shape {
        /** {@code WakuMessageArchiveIndex}: piece ranges of a torrent's data file (magnet links). */
        PIECE_RANGES,
        /** {@code CodexWakuMessageArchiveIndex}: one CID per archive (index CIDs). */
        CONTENT_ADDRESSES
    }

    /** Entries in the order members walk them (status-go: ascending {@code from}), then by location. */
    public static final Comparator<IndexEntry> ORDER = Comparator
            .comparingLong((IndexEntry e) -> e.range().from())
            .thenComparingLong(e -> e.location() instanceof PieceRange r ? r.offset() : 0)
            .thenComparing(IndexEntry::archiveId);

    private IndexCodec() {
    }

    /**
     * Encodes the entries as an index of {@code shape}; an empty collection gives an empty index.
     *
     * @throws IllegalArgumentException when an entry's location is not of the shape, or its id is wrong
     */
    public static byte[] encode(Shape shape, Collection<IndexEntry> entries) {
        if (shape == Shape.PIECE_RANGES) {
            WakuMessageArchiveIndex.Builder b = WakuMessageArchiveIndex.newBuilder();
            for (IndexEntry e : sorted(entries)) {
                if (!(e.location() instanceof PieceRange r)) {
                    throw new IllegalArgumentException("archive " + e.archiveId() + " is at " + e.location()
                            + ", not at a piece range");
                }
                b.putArchives(checkedId(e), ArchiveIds.pieceRangeMetadata(e.metadata(), r));
            }
            return b.build().toByteArray();
        }
        CodexWakuMessageArchiveIndex.Builder b = CodexWakuMessageArchiveIndex.newBuilder();
        for (IndexEntry e : sorted(entries)) {
            if (!(e.location() instanceof ContentAddress c)) {
                throw new IllegalArgumentException("archive " + e.archiveId() + " is at " + e.location()
                        + ", not at a content address");
            }
            b.putArchives(checkedId(e), ArchiveIds.contentAddressMetadata(e.metadata(), c));
        }
        return b.build().toByteArray();
    }

    /**
     * Decodes a plain index whose shape is unknown (inspection tools), taking it from the wire type of the
     * entries' location field; a mix of both is an {@link InconsistentIndexException}.
     */
    public static List<IndexEntry> decode(byte[] index, DecodeLimits limits) throws InvalidArchiveException {
        return decode(index, Optional.empty(), limits);
    }

    /**
     * Decodes and validates a plain (unsealed) index of {@code shape}: an entry of the other shape is a
     * wrong-wire-type error. Entries come in {@link #ORDER}.
     */
    public static List<IndexEntry> decode(byte[] index, Shape shape, DecodeLimits limits)
            throws InvalidArchiveException {
        return decode(index, Optional.of(shape), limits);
    }

    private static List<IndexEntry> decode(byte[] index, Optional<Shape> kind, DecodeLimits limits)
            throws InvalidArchiveException {
        if (index.length > limits.maxIndexBytes()) {
            throw new MalformedEncodingException("index of " + index.length + " bytes exceeds the limit of "
                    + limits.maxIndexBytes());
        }
        ProtoReader r = ProtoReader.of(index, "WakuMessageArchiveIndex");
        List<IndexEntry> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        while (r.next()) {
            if (r.field() != 1) {
                r.skip();
                continue;
            }
            if (entries.size() >= limits.maxIndexEntries()) {
                throw new InconsistentIndexException("index lists more than " + limits.maxIndexEntries() + " archives");
            }
            IndexEntry entry = entry(r.message("archives", "map entry", index.length), kind);
            if (!ids.add(entry.archiveId())) {
                throw new InconsistentIndexException("archive id " + entry.archiveId() + " appears twice in the index");
            }
            entries.add(entry);
        }
        long ranges = entries.stream().filter(e -> e.location() instanceof PieceRange).count();
        if (ranges != 0 && ranges != entries.size()) {
            throw new InconsistentIndexException("index mixes BitTorrent piece ranges and Codex CIDs");
        }
        entries.sort(ORDER);
        checkNoOverlap(entries);
        return entries;
    }

    /** Checks that every piece range ends within a data file of {@code dataLength} bytes. */
    public static void checkWithin(List<IndexEntry> entries, long dataLength) throws InconsistentIndexException {
        for (IndexEntry e : entries) {
            if (e.location() instanceof PieceRange r && r.end() > dataLength) {
                throw new InconsistentIndexException("archive " + e.archiveId() + " at offset " + r.offset() + " size "
                        + r.size() + " ends past the end of the data (" + dataLength + " bytes)");
            }
        }
    }

    private static void checkNoOverlap(List<IndexEntry> entries) throws InconsistentIndexException {
        List<IndexEntry> ranges = entries.stream().filter(e -> e.location() instanceof PieceRange)
                .sorted(Comparator.comparingLong(e -> ((PieceRange) e.location()).offset())).toList();
        for (int i = 1; i < ranges.size(); i++) {
            PieceRange prev = (PieceRange) ranges.get(i - 1).location();
            PieceRange cur = (PieceRange) ranges.get(i).location();
            if (cur.offset() < prev.end()) {
                throw new InconsistentIndexException("archives " + ranges.get(i - 1).archiveId() + " [" + prev.offset()
                        + ", " + prev.end() + ") and " + ranges.get(i).archiveId() + " [" + cur.offset() + ", "
                        + cur.end() + ") overlap");
            }
        }
    }

    private static IndexEntry entry(ProtoReader r, Optional<Shape> kind) throws InvalidArchiveException {
        String id = null;
        ProtoReader value = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> id = r.string("key", 1024);
                case 2 -> value = r.message("value", "index metadata", Integer.MAX_VALUE);
                default -> r.skip();
            }
        }
        if (id == null || value == null) {
            throw new InconsistentIndexException("index entry " + (id == null ? "without an archive id" : id)
                    + (value == null ? " has no metadata" : ""));
        }
        ArchiveMetadata metadata = null;
        Long offset = null;
        Long size = null;
        Long padding = null;
        String cid = null;
        while (value.next()) {
            switch (value.field()) {
                case 1 -> Decoders.version(value, "index metadata version");
                case 2 -> metadata = Decoders.metadata(value.message("metadata", "WakuMessageArchiveMetadata",
                        Integer.MAX_VALUE));
                case 3 -> {
                    boolean codex = kind.isPresent() ? kind.get() == Shape.CONTENT_ADDRESSES : value.isLengthDelimited();
                    if (codex) {
                        cid = value.string("cid", 1024);
                    } else {
                        offset = value.varint("offset");
                    }
                }
                case 4 -> size = value.varint("size");
                case 5 -> padding = value.varint("padding");
                default -> value.skip();
            }
        }
        if (metadata == null) {
            throw new InvalidMetadataException("archive " + id + " has no metadata");
        }
        ArchiveLocation location = location(id, offset, size, padding, cid, kind);
        String expected = ArchiveIds.of(metadata, location);
        if (!expected.equals(id)) {
            throw new InconsistentIndexException("archive id " + id + " is not the hash of its metadata (" + expected
                    + "): the entry was altered");
        }
        return new IndexEntry(id, metadata, location);
    }

    private static ArchiveLocation location(String id, Long offset, Long size, Long padding, String cid,
            Optional<Shape> kind) throws InconsistentIndexException {
        boolean pieces = offset != null || size != null || padding != null;
        if (cid != null && pieces) {
            throw new InconsistentIndexException("archive " + id + " has both a CID and a piece range");
        }
        if (cid != null) {
            try {
                return new ContentAddress(cid);
            } catch (IllegalArgumentException e) {
                throw new InconsistentIndexException("archive " + id + ": " + e.getMessage());
            }
        }
        if (!pieces && kind.orElse(Shape.PIECE_RANGES) == Shape.CONTENT_ADDRESSES) {
            throw new InconsistentIndexException("archive " + id + " has no CID");
        }
        long o = offset == null ? 0 : offset;
        long s = size == null ? 0 : size;
        long p = padding == null ? 0 : padding;
        if (o < 0 || s < 0 || p < 0 || o + s < 0) {
            throw new InconsistentIndexException("archive " + id + ": offset " + Long.toUnsignedString(o) + ", size "
                    + Long.toUnsignedString(s) + " or padding " + Long.toUnsignedString(p) + " out of range");
        }
        try {
            return new PieceRange(o, s, p);
        } catch (IllegalArgumentException e) {
            throw new InconsistentIndexException("archive " + id + ": " + e.getMessage()
                    + " (size must be positive and padding below size)");
        }
    }

    private static String checkedId(IndexEntry e) {
        String id = ArchiveIds.of(e.metadata(), e.location());
        if (!id.equals(e.archiveId())) {
            throw new IllegalArgumentException("entry " + e.archiveId() + " does not carry its own id " + id);
        }
        return id;
    }

    private static List<IndexEntry> sorted(Collection<IndexEntry> entries) {
        return entries.stream().sorted(ORDER).toList();
    }
}

package org.archivist.storage.bittorrent.internal.metainfo;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A v1 multi-file torrent as status-go builds it for a community: {@code name} = community id, files
 * {@code data} then {@code index}, piece length 102400, SHA-1 pieces over {@code data || index}, the
 * announce-list, {@code created by} and {@code creation date}. Parsing keeps the raw {@code info} bytes, so
 * the infohash of a received torrent is always the one its sender computed.
 */
public final class Metainfo {
    /** status-go's {@code pieceLength}. */
    public static final int STATUS_PIECE_LENGTH = 100 * 1024;
    /** status-go's two default trackers, in the order it writes them. */
    public static final List<String> STATUS_TRACKERS = List.of(
            "udp://tracker.opentrackr.org:1337/announce",
            "udp://tracker.openbittorrent.com:6969/announce");
    public static final String DATA_FILE = "data";
    public static final String INDEX_FILE = "index";

    private final String name;
    private final int pieceLength;
    private final List<TorrentFileEntry> files;
    private final byte[] pieces;
    private final List<String> trackers;
    private final Optional<String> createdBy;
    private final Optional<Long> creationDate;
    private final byte[] infoBytes;
    private final byte[] bytes;

    private Metainfo(String name, int pieceLength, List<TorrentFileEntry> files, byte[] pieces, List<String> trackers,
            Optional<String> createdBy, Optional<Long> creationDate, byte[] infoBytes, byte[] bytes) {
        this.name = name;
        this.pieceLength = pieceLength;
        this.files = List.copyOf(files);
        this.pieces = pieces;
        this.trackers = List.copyOf(trackers);
        this.createdBy = createdBy;
        this.creationDate = creationDate;
        this.infoBytes = infoBytes;
        this.bytes = bytes;
    }

    /** Builds and encodes a torrent from its parts (the info dict keys come out sorted, as bencode wants). */
    public static Metainfo create(String name, int pieceLength, List<TorrentFileEntry> files, byte[] pieces,
            List<String> trackers, String createdBy, long creationDate) {
        Map<String, Object> info = new LinkedHashMap<>();
        List<Object> fileList = new ArrayList<>();
        for (TorrentFileEntry file : files) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("length", file.length());
            f.put("path", List.copyOf(file.path()));
            fileList.add(f);
        }
        info.put("files", fileList);
        info.put("name", name);
        info.put("piece length", (long) pieceLength);
        info.put("pieces", pieces);
        Map<String, Object> outer = new LinkedHashMap<>();
        if (!trackers.isEmpty()) {
            outer.put("announce-list", trackers.stream().map(List::of).toList());
        }
        outer.put("created by", createdBy);
        outer.put("creation date", creationDate);
        outer.put("info", info);
        byte[] infoBytes = Bencode.encode(info);
        return new Metainfo(name, pieceLength, files, pieces, trackers, Optional.of(createdBy),
                Optional.of(creationDate), infoBytes, Bencode.encode(outer));
    }

    /** The largest .torrent (or info dict) accepted: a Status torrent of 2 TiB of archives is about 400 KiB. */
    public static final int MAX_TORRENT_BYTES = 16 << 20;
    /** The largest total length accepted (2^50 bytes, 1 PiB): keeps every sum and piece count in range. */
    public static final long MAX_TOTAL_LENGTH = 1L << 50;
    /** The most files and path components accepted (a Status torrent has 2 files of 1 component each). */
    public static final int MAX_FILES = 10_000;
    private static final int MAX_PATH_DEPTH = 32;

    /** Reads a .torrent file, refusing one larger than {@link #MAX_TORRENT_BYTES} before reading it. */
    public static Metainfo read(java.nio.file.Path file) throws BencodeException, java.io.IOException {
        try (java.nio.channels.SeekableByteChannel ch = java.nio.file.Files.newByteChannel(file)) {
            long size = ch.size();
            if (size > MAX_TORRENT_BYTES) {
                throw new BencodeException(file + " is " + size + " bytes, larger than any torrent accepted ("
                        + MAX_TORRENT_BYTES + ")");
            }
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && ch.read(buffer) >= 0) {
                // read it all
            }
            if (buffer.hasRemaining()) {
                throw new java.io.IOException(file + " shrank while being read");
            }
            return parse(buffer.array());
        }
    }

    /** Reads a bencoded v1 multi-file torrent; v2-only and single-file torrents are refused with a reason. */
    public static Metainfo parse(byte[] bytes) throws BencodeException {
        if (bytes.length > MAX_TORRENT_BYTES) {
            throw new BencodeException("a torrent of " + bytes.length + " bytes is larger than any accepted ("
                    + MAX_TORRENT_BYTES + ")");
        }
        if (!(Bencode.decode(bytes) instanceof Map<?, ?> outer)) {
            throw new BencodeException("a torrent must be a bencoded dictionary");
        }
        byte[] infoBytes = Bencode.rawValue(bytes, "info");
        return fromInfo(outer, Bencode.decode(infoBytes), infoBytes, bytes);
    }

    /** Reads a bare info dictionary, as fetched from peers by BEP 9. */
    public static Metainfo parseInfo(byte[] infoBytes) throws BencodeException {
        if (infoBytes.length > MAX_TORRENT_BYTES) {
            throw new BencodeException("an info dict of " + infoBytes.length + " bytes is larger than any accepted ("
                    + MAX_TORRENT_BYTES + ")");
        }
        return fromInfo(Map.of(), Bencode.decode(infoBytes), infoBytes,
                Bencode.encode(Map.of("info", new RawBencode(infoBytes))));
    }

    private static Metainfo fromInfo(Map<?, ?> outer, Object infoValue, byte[] infoBytes, byte[] bytes)
            throws BencodeException {
        if (!(infoValue instanceof Map<?, ?> info)) {
            throw new BencodeException("the torrent's 'info' is not a dictionary");
        }
        String name = pathComponent(text(info.get("name"), "info.name"), "info.name");
        long pieceLength = number(info.get("piece length"), "info.piece length");
        if (pieceLength <= 0 || pieceLength > 64L * 1024 * 1024) {
            throw new BencodeException("implausible piece length " + pieceLength);
        }
        if (!(info.get("pieces") instanceof byte[] pieces) || pieces.length % 20 != 0) {
            throw new BencodeException("the torrent has no v1 'pieces' (a v2-only torrent?)");
        }
        if (!(info.get("files") instanceof List<?> fileList)) {
            throw new BencodeException("not a multi-file torrent: a Status torrent has the files 'data' and 'index'");
        }
        List<TorrentFileEntry> files = new ArrayList<>();
        long total = 0;
        if (fileList.isEmpty() || fileList.size() > MAX_FILES) {
            throw new BencodeException("the torrent lists " + fileList.size() + " files (1.." + MAX_FILES
                    + " accepted)");
        }
        for (Object f : fileList) {
            if (!(f instanceof Map<?, ?> file) || !(file.get("path") instanceof List<?> path) || path.isEmpty()
                    || path.size() > MAX_PATH_DEPTH) {
                throw new BencodeException("malformed entry in info.files (a path of 1.." + MAX_PATH_DEPTH
                        + " components expected)");
            }
            List<String> parts = new ArrayList<>();
            for (Object p : path) {
                parts.add(pathComponent(text(p, "info.files.path"), "info.files.path"));
            }
            long length = number(file.get("length"), "info.files.length");
            if (length < 0 || length > MAX_TOTAL_LENGTH - total) {
                throw new BencodeException("the torrent's file " + String.join("/", parts) + " has length " + length
                        + " (files may total at most " + MAX_TOTAL_LENGTH + " bytes)");
            }
            TorrentFileEntry entry = new TorrentFileEntry(parts, length);
            files.add(entry);
            total += entry.length();
        }
        long expectedPieces = (total + pieceLength - 1) / pieceLength;
        if (pieces.length / 20 != expectedPieces) {
            throw new BencodeException("the torrent has " + pieces.length / 20 + " piece hashes for " + total
                    + " bytes, expected " + expectedPieces);
        }
        List<String> trackers = new ArrayList<>();
        if (outer.get("announce-list") instanceof List<?> tiers) {
            for (Object tier : tiers) {
                if (tier instanceof List<?> urls) {
                    for (Object url : urls) {
                        trackers.add(text(url, "announce-list"));
                    }
                }
            }
        } else if (outer.get("announce") instanceof byte[] announce) {
            trackers.add(new String(announce, java.nio.charset.StandardCharsets.UTF_8));
        }
        Optional<String> createdBy = outer.get("created by") instanceof byte[] cb
                ? Optional.of(new String(cb, java.nio.charset.StandardCharsets.UTF_8)) : Optional.empty();
        Optional<Long> creationDate = outer.get("creation date") instanceof Long cd ? Optional.of(cd) : Optional.empty();
        return new Metainfo(name, (int) pieceLength, files, pieces, trackers, createdBy, creationDate, infoBytes, bytes);
    }

    /**
     * A file or directory name the engine will create under its data directory: never empty, "." or "..",
     * never holding a separator or NUL (a hostile torrent must not write outside {@code <dataDir>/<name>/}).
     */
    private static String pathComponent(String part, String what) throws BencodeException {
        if (part.isEmpty() || part.equals(".") || part.equals("..") || part.indexOf('/') >= 0
                || part.indexOf('\\') >= 0 || part.indexOf('\0') >= 0 || part.length() > 255) {
            throw new BencodeException("the torrent's " + what + " '" + part.replace("\0", "\\0")
                    + "' is not a safe file name");
        }
        return part;
    }

    private static String text(Object value, String what) throws BencodeException {
        if (!(value instanceof byte[] b)) {
            throw new BencodeException("the torrent's " + what + " is missing or not a string");
        }
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static long number(Object value, String what) throws BencodeException {
        if (!(value instanceof Long n)) {
            throw new BencodeException("the torrent's " + what + " is missing or not an integer");
        }
        return n;
    }

    public String name() {
        return name;
    }

    public int pieceLength() {
        return pieceLength;
    }

    public List<TorrentFileEntry> files() {
        return files;
    }

    public List<String> trackers() {
        return trackers;
    }

    public Optional<String> createdBy() {
        return createdBy;
    }

    public Optional<Long> creationDate() {
        return creationDate;
    }

    public int pieceCount() {
        return pieces.length / 20;
    }

    public byte[] pieceHash(int piece) {
        return Arrays.copyOfRange(pieces, piece * 20, piece * 20 + 20);
    }

    public long totalLength() {
        return files.stream().mapToLong(TorrentFileEntry::length).sum();
    }

    /** The bytes these pieces hold (the last piece may be shorter than the others). */
    public long lengthOf(java.util.BitSet pieces) {
        long bytes = 0;
        long total = totalLength();
        for (int p = pieces.nextSetBit(0); p >= 0; p = pieces.nextSetBit(p + 1)) {
            bytes += Math.min(pieceLength(), total - (long) p * pieceLength());
        }
        return bytes;
    }

    /** The byte offset of a file inside the torrent's stream, or empty if the torrent has no such file. */
    public Optional<Long> fileOffset(String path) {
        long offset = 0;
        for (TorrentFileEntry file : files) {
            if (file.pathString().equals(path)) {
                return Optional.of(offset);
            }
            offset += file.length();
        }
        return Optional.empty();
    }

    public Optional<TorrentFileEntry> file(String path) {
        return files.stream().filter(f -> f.pathString().equals(path)).findFirst();
    }

    /** The pieces covering {@code length} bytes from {@code offset} of the torrent's stream. */
    public PieceSpan piecesOf(long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > totalLength()) {
            throw new IllegalArgumentException("byte range [" + offset + ", " + (offset + length)
                    + ") lies outside the torrent's " + totalLength() + " bytes");
        }
        if (length == 0) {
            return new PieceSpan(0, 0);
        }
        int first = (int) (offset / pieceLength);
        int last = (int) ((offset + length - 1) / pieceLength);
        return new PieceSpan(first, last + 1);
    }

    /** The bencoded info dictionary, as built or received. */
    public byte[] infoBytes() {
        return infoBytes.clone();
    }

    /** The whole bencoded metainfo, as built or received. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public byte[] infoHash() {
        try {
            return MessageDigest.getInstance("SHA-1").digest(infoBytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    public String infoHashHex() {
        return HexFormat.of().formatHex(infoHash());
    }

    /** The magnet link status-go would give for this torrent. */
    public MagnetLink magnet() {
        return MagnetLink.of(infoHash(), name, trackers);
    }

    /** A copy of this torrent with another announce-list (same info dict, so the same infohash). */
    public Metainfo withTrackers(List<String> newTrackers) {
        Map<String, Object> outer = new LinkedHashMap<>();
        if (!newTrackers.isEmpty()) {
            outer.put("announce-list", newTrackers.stream().map(List::of).toList());
        }
        createdBy.ifPresent(cb -> outer.put("created by", cb));
        creationDate.ifPresent(cd -> outer.put("creation date", cd));
        outer.put("info", new RawBencode(infoBytes));
        return new Metainfo(name, pieceLength, files, pieces, newTrackers, createdBy, creationDate, infoBytes,
                Bencode.encode(outer));
    }

    /** A half-open range of piece indexes. */
    public record PieceSpan(int first, int end) {
        public int count() {
            return end - first;
        }
    }
}

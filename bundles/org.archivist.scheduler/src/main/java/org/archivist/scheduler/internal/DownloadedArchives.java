package org.archivist.scheduler.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.archivist.api.CommunityId;
import org.archivist.api.IndexEntry;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.LinkKind;
import org.archivist.api.storage.StorageBackend;
import org.archivist.core.format.DecodeLimits;
import org.archivist.core.format.IndexCodec;
import org.archivist.core.io.AtomicFiles;

import jakarta.inject.Inject;

/**
 * Archives a member downloaded and has not imported yet: the blob and its index entry (the link kind's name,
 * a newline, and a one-entry index in that kind's {@link LinkFormat}), under
 * {@code <dir>/<cid>/downloaded/<archive id>[.entry]}, written atomically, deleted once imported. Entries
 * written before link kinds were named (a bare Status index) are still read. Also the last index the member
 * fetched per link kind, as fetched (encrypted when the community is), under {@code <dir>/<cid>/indexes/<KIND>}
 * (the backend's name, a newline, the link, a newline, the index bytes), for its archive listing.
 */
public class DownloadedArchives {
    /** A downloaded archive waiting for import: its entry and the file of its blob. */
    record Held(IndexEntry entry, Path blob) {
    }

    /** The last index fetched for a link kind: from which backend, through which link, its bytes as fetched. */
    record SavedIndex(LinkKind kind, String backend, String link, byte[] index) {
    }

    private final Path dir;

    @Inject
    public DownloadedArchives(Path dir) {
        this.dir = dir;
    }

    /** The scheduler's directory these files live under. */
    Path dir() {
        return dir;
    }

    void save(CommunityId community, LinkFormat format, IndexEntry entry, byte[] blob) throws IOException {
        AtomicFiles.write(file(community, entry.archiveId(), ""), blob);
        saveEntry(community, format, entry);
    }

    /**
     * Where an archive is downloaded to before {@link #save(CommunityId, LinkFormat, IndexEntry, Path)} moves it in
     * place: a temporary file of the community's directory (created with its directories), which a sweep removes
     * if a crash leaves it.
     */
    Path partial(CommunityId community, String archiveId) throws IOException {
        Path target = file(community, archiveId, "");
        Files.createDirectories(target.getParent());
        return Files.createTempFile(target.getParent(), "." + archiveId, ".tmp");
    }

    /** Keeps the downloaded {@code blob} file (from {@link #partial}): forced to disk, renamed in place. */
    void save(CommunityId community, LinkFormat format, IndexEntry entry, Path blob) throws IOException {
        try (FileChannel ch = FileChannel.open(blob, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Path target = file(community, entry.archiveId(), "");
        AtomicFiles.move(blob, target);
        AtomicFiles.forceDirectory(target.getParent());
        saveEntry(community, format, entry);
    }

    private void saveEntry(CommunityId community, LinkFormat format, IndexEntry entry) throws IOException {
        byte[] kind = (format.kind().name() + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] index = format.encodeIndex(List.of(entry));
        byte[] record = Arrays.copyOf(kind, kind.length + index.length);
        System.arraycopy(index, 0, record, kind.length, index.length);
        AtomicFiles.write(file(community, entry.archiveId(), ".entry"), record);
    }

    /** The archive, or empty when either file is missing. */
    Optional<Held> read(CommunityId community, String archiveId, BackendRegistry backends)
            throws IOException, InvalidArchiveException {
        try {
            Path blob = file(community, archiveId, "");
            if (!Files.exists(blob)) {
                return Optional.empty();
            }
            List<IndexEntry> entries = entries(Files.readAllBytes(file(community, archiveId, ".entry")), backends);
            if (entries.size() != 1 || !entries.get(0).archiveId().equals(archiveId)) {
                throw new InvalidArchiveException("the stored index entry of " + archiveId + " is not that archive's");
            }
            return Optional.of(new Held(entries.get(0), blob));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static List<IndexEntry> entries(byte[] record, BackendRegistry backends)
            throws IOException, InvalidArchiveException {
        int newline = -1;
        for (int i = 0; i < Math.min(record.length, 80) && record.length > 0 && record[0] != 0x0a; i++) {
            if (record[i] == '\n') {
                newline = i;
                break;
            }
        }
        if (newline < 0) {
            return IndexCodec.decode(record, DecodeLimits.DEFAULT); // written by an older version: Status index
        }
        LinkKind kind;
        try {
            kind = new LinkKind(new String(record, 0, newline, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new InvalidArchiveException("the stored index entry names no link kind: " + e.getMessage(), e);
        }
        Optional<StorageBackend> backend = backends.forKind(kind);
        if (backend.isEmpty()) {
            throw new IOException("no backend for " + kind + " links is registered now to read the entry with");
        }
        return backend.get().linkFormat().decodeIndex(Arrays.copyOfRange(record, newline + 1, record.length), 1);
    }

    /** Keeps the index just fetched through {@code link} as the kind's last one (atomically replaced). */
    void saveIndex(CommunityId community, LinkKind kind, String backend, String link, byte[] index)
            throws IOException {
        if (backend.indexOf('\n') >= 0 || link.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a backend name or link with a line break cannot be kept");
        }
        byte[] head = (backend + "\n" + link + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] record = Arrays.copyOf(head, head.length + index.length);
        System.arraycopy(index, 0, record, head.length, index.length);
        AtomicFiles.write(indexes(community).resolve(kind.name()), record);
    }

    /** Every kept index of the community (none before a member fetched one). */
    List<SavedIndex> savedIndexes(CommunityId community) throws IOException {
        Path d = indexes(community);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        List<SavedIndex> out = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.list(d)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (!name.matches("[A-Z][A-Z0-9_]{0,63}")) {
                    continue; // a temporary file of an interrupted write
                }
                byte[] record = Files.readAllBytes(f);
                int first = indexOf(record, 0);
                int second = first < 0 ? -1 : indexOf(record, first + 1);
                if (second < 0) {
                    throw new IOException("the kept index " + f + " is not a backend, a link and an index");
                }
                out.add(new SavedIndex(new LinkKind(name), new String(record, 0, first, StandardCharsets.UTF_8),
                        new String(record, first + 1, second - first - 1, StandardCharsets.UTF_8),
                        Arrays.copyOfRange(record, second + 1, record.length)));
            }
        }
        return out;
    }

    private static int indexOf(byte[] record, int from) {
        for (int i = from; i < record.length; i++) {
            if (record[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private Path indexes(CommunityId community) {
        return dir.resolve(community.hex()).resolve("indexes");
    }

    void delete(CommunityId community, String archiveId) throws IOException {
        Files.deleteIfExists(file(community, archiveId, ".entry"));
        Files.deleteIfExists(file(community, archiveId, ""));
    }

    /**
     * Removes what a crash left in the community's directory: the temporary file of an interrupted write (of an
     * archive or of a kept index), the files of an archive written before its download was recorded, or imported but not yet deleted. Only the
     * archives in {@code waiting} (downloaded, not imported) are kept. Returns the names removed.
     */
    List<String> sweep(CommunityId community, Set<String> waiting) throws IOException {
        List<String> removed = new ArrayList<>();
        removeFiles(dir.resolve(community.hex()).resolve("downloaded"), "", name -> interrupted(name)
                || !waiting.contains(name.endsWith(".entry") ? name.substring(0, name.length() - 6) : name), removed);
        removeFiles(indexes(community), "indexes/", DownloadedArchives::interrupted, removed);
        return removed;
    }

    /** Deletes the regular files of {@code dir} whose names are {@code leftover}, adding each (prefixed) to removed. */
    private static void removeFiles(Path dir, String prefix, Predicate<String> leftover, List<String> removed)
            throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && leftover.test(name)) {
                    Files.deleteIfExists(f);
                    removed.add(prefix + name);
                }
            }
        }
    }

    /** The temporary file of an interrupted atomic write. */
    private static boolean interrupted(String name) {
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    private Path file(CommunityId community, String archiveId, String suffix) {
        if (!archiveId.matches("[0-9A-Za-z_-]{1,200}")) {
            throw new IllegalArgumentException("archive id unusable as a file name: " + archiveId);
        }
        return dir.resolve(community.hex()).resolve("downloaded").resolve(archiveId + suffix);
    }
}

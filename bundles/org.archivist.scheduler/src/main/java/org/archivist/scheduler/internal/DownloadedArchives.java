package org.archivist.scheduler.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
 * written before link kinds were named (a bare Status index) are still read.
 */
public class DownloadedArchives {
    /** A downloaded archive waiting for import. */
    record Held(IndexEntry entry, byte[] blob) {
    }

    private final Path dir;

    @Inject
    public DownloadedArchives(Path dir) {
        this.dir = dir;
    }

    void save(CommunityId community, LinkFormat format, IndexEntry entry, byte[] blob) throws IOException {
        AtomicFiles.write(file(community, entry.archiveId(), ""), blob);
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
            byte[] blob = Files.readAllBytes(file(community, archiveId, ""));
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

    void delete(CommunityId community, String archiveId) throws IOException {
        Files.deleteIfExists(file(community, archiveId, ".entry"));
        Files.deleteIfExists(file(community, archiveId, ""));
    }

    /**
     * Removes what a crash left in the community's directory: the temporary file of an interrupted write, the
     * files of an archive written before its download was recorded, or imported but not yet deleted. Only the
     * archives in {@code waiting} (downloaded, not imported) are kept. Returns the names removed.
     */
    List<String> sweep(CommunityId community, Set<String> waiting) throws IOException {
        Path downloaded = dir.resolve(community.hex()).resolve("downloaded");
        if (!Files.isDirectory(downloaded)) {
            return List.of();
        }
        List<String> removed = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(downloaded)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String archiveId = name.endsWith(".entry") ? name.substring(0, name.length() - 6) : name;
                boolean interrupted = name.startsWith(".") && name.endsWith(".tmp");
                if (Files.isRegularFile(f) && (interrupted || !waiting.contains(archiveId))) {
                    Files.deleteIfExists(f);
                    removed.add(name);
                }
            }
        }
        return removed;
    }

    private Path file(CommunityId community, String archiveId, String suffix) {
        if (!archiveId.matches("[0-9A-Za-z_-]{1,200}")) {
            throw new IllegalArgumentException("archive id unusable as a file name: " + archiveId);
        }
        return dir.resolve(community.hex()).resolve("downloaded").resolve(archiveId + suffix);
    }
}

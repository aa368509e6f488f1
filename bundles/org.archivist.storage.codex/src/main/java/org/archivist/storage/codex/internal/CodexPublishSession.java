package org.archivist.storage.codex.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.CommunityId;
import org.archivist.api.storage.BlobWriter;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageException;
import org.archivist.core.io.AtomicFiles;
import org.archivist.core.io.ExactLengthOutputStream;
import org.archivist.storage.codex.cid.ContentKey;
import org.archivist.storage.codex.client.CodexClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One publish of a community: each appended blob is kept locally and uploaded at once; commit uploads the
 * index, then replaces the community's state file (the commit point). Closing without commit deletes what was
 * uploaded for nothing.
 */
final class CodexPublishSession implements PublishSession {
    private static final Logger LOG = LoggerFactory.getLogger(CodexPublishSession.class);

    private final CodexBackend backend;
    private final CodexClient client;
    private final CommunityStore store;
    private final CommunityId community;
    private final List<Dataset> appended = new ArrayList<>();
    private boolean committed;
    private boolean closed;

    CodexPublishSession(CodexBackend backend, CodexClient client, CommunityStore store, CommunityId community) {
        this.backend = backend;
        this.client = client;
        this.store = store;
        this.community = community;
    }

    @Override
    public Optional<byte[]> existingIndex() throws StorageException {
        try {
            CommunityState state = backend.state(community);
            if (state.index().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(Files.readAllBytes(store.indexFile(community, state.index().get().key())));
        } catch (NoSuchFileException e) {
            throw new StorageException("the committed index of " + community + " is missing from the state directory: "
                    + e.getFile(), false, e);
        } catch (IOException e) {
            throw StorageErrors.of("read the index of " + community, e);
        }
    }

    @Override
    public ArchiveLocation append(long length, BlobWriter writer) throws StorageException {
        open();
        ExactLengthOutputStream.checkLength(length);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(store.scratch(community), "blob", ".tmp");
            writeBlob(tmp, length, writer);
            Dataset stored = ContentUploads.store(client, tmp, BlobNames.archive(tmp));
            AtomicFiles.move(tmp, store.blob(community, stored.key()));
            appended.add(stored);
            LOG.debug("{}: archive blob of {} bytes stored as {} ({})", community, length, stored.cid(), stored.key());
            return new ArchiveLocation.ContentAddress(stored.cid());
        } catch (IOException e) {
            throw StorageErrors.of("upload an archive of " + community, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Streams the writer's bytes into the local copy, forced to disk; a wrong length is a misuse. */
    private static void writeBlob(Path file, long length, BlobWriter writer) throws StorageException, IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ExactLengthOutputStream out = new ExactLengthOutputStream(
                    new BufferedOutputStream(Channels.newOutputStream(ch), 64 * 1024), length);
            try {
                writer.writeTo(out);
            } catch (IOException e) {
                if (out.overflowed()) {
                    throw new IllegalStateException(e.getMessage() + "; the blob was discarded", e);
                }
                throw new StorageException("the archive writer failed: " + e, false, e);
            }
            out.flush();
            out.checkComplete();
            ch.force(true);
        }
    }

    @Override
    public String commit(byte[] index) throws StorageException {
        open();
        if (index.length == 0) {
            throw new StorageException("an empty index cannot be stored on Codex", false);
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(store.scratch(community), "index", ".tmp");
            AtomicFiles.write(tmp, index);
            CommunityState previous = backend.state(community);
            Dataset stored = ContentUploads.store(client, tmp, BlobNames.INDEX);
            String cid = stored.cid();
            AtomicFiles.move(tmp, store.indexFile(community, stored.key()));
            Map<ContentKey, Dataset> archives = new LinkedHashMap<>();
            previous.archives().forEach(d -> archives.put(d.key(), d));
            appended.forEach(d -> archives.putIfAbsent(d.key(), d));
            store.save(community, new CommunityState(previous.line(), Optional.of(stored),
                    new ArrayList<>(archives.values()), true, backend.now()));
            committed = true;
            previous.index().map(Dataset::key).filter(old -> !old.equals(stored.key())).ifPresent(old -> {
                try {
                    Files.deleteIfExists(store.indexFile(community, old));
                } catch (IOException e) {
                    LOG.warn("{}: could not delete the previous index file: {}", community, e.toString());
                }
            });
            LOG.info("{}: committed index {} with {} archives", community, cid, archives.size());
            return cid;
        } catch (IOException e) {
            throw StorageErrors.of("commit the index of " + community, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    @Override
    public void close() throws StorageException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!committed && !appended.isEmpty()) {
                Set<ContentKey> kept = new HashSet<>();
                backend.state(community).archives().forEach(d -> kept.add(d.key()));
                for (Dataset d : appended) {
                    if (!kept.contains(d.key())) {
                        try {
                            client.delete(d.cid());
                        } catch (IOException e) {
                            LOG.warn("{}: could not delete uncommitted archive {} from the node: {}", community,
                                    d.cid(), e.getMessage());
                        }
                        Files.deleteIfExists(store.blob(community, d.key()));
                    }
                }
            }
        } catch (IOException e) {
            throw StorageErrors.of("roll back the publish of " + community, e);
        } finally {
            backend.sessionClosed(community, this);
        }
    }

    private void open() throws StorageException {
        if (closed || committed) {
            throw new IllegalStateException("the publish session of " + community + " is "
                    + (closed ? "closed" : "committed"));
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a temporary file; the next session's scratch cleanup takes it
            }
        }
    }
}

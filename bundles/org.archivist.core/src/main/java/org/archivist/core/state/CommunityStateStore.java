package org.archivist.core.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import org.archivist.api.CommunityId;
import org.archivist.api.storage.StorageException;
import org.archivist.core.io.AtomicFiles;

import jakarta.inject.Inject;

/**
 * Persists each community's {@link CommunityState} in {@code <directory>/<community>.state} (mode 0600), replaced
 * atomically on every change (temporary file, fsync, rename, directory fsync): a crash at any moment
 * leaves either the previous or the new state, both complete. A temporary file left by a crash is
 * ignored and removed. Thread-safe; one store instance per directory.
 */
public final class CommunityStateStore {
    static final String SUFFIX = ".state";
    static final String TEMP_SUFFIX = ".state.tmp";

    private final Path directory;
    private final Map<CommunityId, CommunityState> cache = new ConcurrentHashMap<>();
    private final Map<CommunityId, Object> locks = new ConcurrentHashMap<>();

    @Inject
    public CommunityStateStore(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** The community's state; an empty one when nothing was stored yet. */
    public CommunityState load(CommunityId community) throws StorageException {
        CommunityState cached = cache.get(community);
        if (cached != null) {
            return cached;
        }
        synchronized (lock(community)) {
            CommunityState state = read(community);
            cache.put(community, state);
            return state;
        }
    }

    /**
     * Applies {@code change} to the community's current state and persists the result before returning
     * it. Changes of one community are serialised; a failed write leaves the stored state as it was.
     */
    public CommunityState update(CommunityId community, UnaryOperator<CommunityState> change) throws StorageException {
        synchronized (lock(community)) {
            CommunityState before = load(community);
            CommunityState after = change.apply(before);
            if (!after.community().equals(community)) {
                throw new IllegalArgumentException("a state update must keep the community " + community);
            }
            if (!after.equals(before)) {
                write(after);
                cache.put(community, after);
            }
            return after;
        }
    }

    /** Every community with a stored state. */
    public List<CommunityId> communities() throws StorageException {
        List<CommunityId> ids = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return ids;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                try {
                    ids.add(CommunityId.of(name.substring(0, name.length() - SUFFIX.length())));
                } catch (IllegalArgumentException e) {
                    // not one of ours
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot list " + directory + ": " + e.getMessage(), true, e);
        }
        ids.sort(null);
        return ids;
    }

    /** Forgets the community (for example when it is left). */
    public void delete(CommunityId community) throws StorageException {
        synchronized (lock(community)) {
            try {
                Files.deleteIfExists(file(community));
                Files.deleteIfExists(temp(community));
            } catch (IOException e) {
                throw new StorageException("cannot delete " + file(community) + ": " + e.getMessage(), true, e);
            }
            cache.remove(community);
        }
    }

    private CommunityState read(CommunityId community) throws StorageException {
        Path file = file(community);
        try {
            Files.deleteIfExists(temp(community));
            if (!Files.exists(file)) {
                return CommunityState.empty(community);
            }
            CommunityState state = StateFileFormat.decode(Files.readString(file, StandardCharsets.UTF_8));
            if (!state.community().equals(community)) {
                throw new StorageException(file + " holds the state of " + state.community() + ", not " + community,
                        false);
            }
            return state;
        } catch (IllegalArgumentException e) {
            throw new StorageException(file + " is damaged: " + e.getMessage(), false, e);
        } catch (IOException e) {
            throw new StorageException("cannot read " + file + ": " + e.getMessage(), true, e);
        }
    }

    private void write(CommunityState state) throws StorageException {
        Path file = file(state.community());
        try {
            AtomicFiles.createPrivateDirectories(directory);
            AtomicFiles.writeAtomically(file, temp(state.community()),
                    StateFileFormat.encode(state).getBytes(StandardCharsets.UTF_8), AtomicFiles.PRIVATE_FILE);
        } catch (IOException e) {
            throw new StorageException("cannot write " + file + " (" + e.getMessage() + "); the previous state is kept",
                    true, e);
        }
    }

    private Object lock(CommunityId community) {
        return locks.computeIfAbsent(community, c -> new Object());
    }

    private Path file(CommunityId community) {
        return directory.resolve(community.hex() + SUFFIX);
    }

    private Path temp(CommunityId community) {
        return directory.resolve(community.hex() + TEMP_SUFFIX);
    }
}

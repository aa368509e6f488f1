package org.archivist.scheduler.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.LinkKind;
import org.archivist.api.storage.StorageBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage backends available now, by name (their {@code storage.type} service property, the one source
 * of a backend's name); they come and go at run time. Two backends of one name, or of one link kind or
 * announcement type, cannot be told apart by members: the second is refused (logged) until the first goes.
 */
public final class BackendRegistry {
    /** What a backend name looks like: lower-case letters, digits, {@code . _ -}. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Logger LOG = LoggerFactory.getLogger(BackendRegistry.class);

    private final Map<String, StorageBackend> backends = new ConcurrentHashMap<>();

    /**
     * Adds a backend under its name; says whether it was taken.
     *
     * @throws IllegalArgumentException when the name is not a valid backend name
     */
    public synchronized boolean add(String name, StorageBackend backend) {
        Objects.requireNonNull(backend, "backend");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a storage backend needs a " + StorageBackend.TYPE_PROPERTY
                    + " property of lower-case letters, digits, '.', '_' or '-', not '" + name + "'");
        }
        StorageBackend same = backends.get(name);
        if (same != null && same != backend) {
            LOG.error("a second storage backend named '{}' is ignored while the first is registered", name);
            return false;
        }
        for (Map.Entry<String, StorageBackend> e : backends.entrySet()) {
            if (e.getValue() != backend && clash(e.getValue(), backend)) {
                LOG.error("storage backend '{}' is ignored: its link kind {} or announcement type {} is that of '{}'",
                        name, backend.linkFormat().kind(), backend.linkFormat().announcementType(), e.getKey());
                return false;
            }
        }
        backends.put(name, backend);
        return true;
    }

    private static boolean clash(StorageBackend a, StorageBackend b) {
        return a.linkFormat().kind().equals(b.linkFormat().kind())
                || a.linkFormat().announcementType() == b.linkFormat().announcementType();
    }

    /** Removes the backend if it is the one registered under the name; says whether it was. */
    public synchronized boolean remove(String name, StorageBackend backend) {
        return name != null && backends.remove(name, backend);
    }

    public Optional<StorageBackend> get(String name) {
        return Optional.ofNullable(backends.get(name));
    }

    /** The names of the backends available now, sorted. */
    public Set<String> names() {
        return new TreeSet<>(backends.keySet());
    }

    /** The backend whose links are of this kind. */
    public Optional<StorageBackend> forKind(LinkKind kind) {
        return backends.values().stream().filter(b -> b.linkFormat().kind().equals(kind)).findFirst();
    }

    /** The name of the backend whose links are of this kind. */
    public Optional<String> nameOf(LinkKind kind) {
        return backends.entrySet().stream().filter(e -> e.getValue().linkFormat().kind().equals(kind))
                .map(Map.Entry::getKey).findFirst();
    }

    /** The link formats of the backends available now. */
    public List<LinkFormat> formats() {
        return backends.values().stream().map(StorageBackend::linkFormat).toList();
    }
}

package org.archivist.core.state;

import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.archivist.api.CommunityId;
import org.archivist.api.storage.LinkKind;

/**
 * What this node remembers of a community's archives (status-go's {@code communities_archive_info} and
 * {@code community_message_archive_hashes}). Immutable: every {@code with...} returns a new state, which
 * {@link CommunityStateStore#update} persists.
 *
 * @param lastArchiveEnd the end of the last archived range (owner), empty before the first run
 * @param links          per link kind (one per backend, any backend), the clock and the last link seen
 * @param archives       archive ids in the order they became known, mapped to their imported flag
 * @param extensions     free entries for later needs (the migration journal), sorted by key
 */
public record CommunityState(CommunityId community, OptionalLong lastArchiveEnd, Map<LinkKind, LinkState> links,
        Map<String, Boolean> archives, Map<String, String> extensions) {

    private static final Comparator<LinkKind> BY_NAME = Comparator.comparing(LinkKind::name);

    public CommunityState {
        Objects.requireNonNull(community, "community");
        lastArchiveEnd = lastArchiveEnd == null ? OptionalLong.empty() : lastArchiveEnd;
        Map<LinkKind, LinkState> l = new TreeMap<>(BY_NAME);
        l.putAll(links);
        links = Collections.unmodifiableMap(l);
        archives = Collections.unmodifiableMap(new LinkedHashMap<>(archives));
        extensions = Collections.unmodifiableMap(new TreeMap<>(extensions));
    }

    /** The state of a community nothing is known of yet. */
    public static CommunityState empty(CommunityId community) {
        return new CommunityState(community, OptionalLong.empty(), Map.of(), Map.of(), Map.of());
    }

    public LinkState link(LinkKind kind) {
        return links.getOrDefault(kind, LinkState.NONE);
    }

    public boolean knows(String archiveId) {
        return archives.containsKey(archiveId);
    }

    public boolean isImported(String archiveId) {
        return archives.getOrDefault(archiveId, false);
    }

    /** Known archives not imported yet, in the order they became known. */
    public List<String> unimported() {
        return archives.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
    }

    public int importedCount() {
        return (int) archives.values().stream().filter(b -> b).count();
    }

    public Optional<String> extension(String key) {
        return Optional.ofNullable(extensions.get(key));
    }

    public CommunityState withLastArchiveEnd(long end) {
        return new CommunityState(community, OptionalLong.of(end), links, archives, extensions);
    }

    public CommunityState withLink(LinkKind kind, LinkState state) {
        Map<LinkKind, LinkState> l = new HashMap<>(links);
        l.put(kind, state);
        return new CommunityState(community, lastArchiveEnd, l, archives, extensions);
    }

    /** Adds an archive as downloaded but not imported; an archive already known keeps its flag and place. */
    public CommunityState withArchive(String archiveId) {
        if (archives.containsKey(archiveId)) {
            return this;
        }
        Map<String, Boolean> a = new LinkedHashMap<>(archives);
        a.put(archiveId, false);
        return new CommunityState(community, lastArchiveEnd, links, a, extensions);
    }

    /** Marks an archive imported (adding it if it was not known). */
    public CommunityState withImported(String archiveId) {
        Map<String, Boolean> a = new LinkedHashMap<>(archives);
        a.put(archiveId, true);
        return new CommunityState(community, lastArchiveEnd, links, a, extensions);
    }

    /** Sets an extension entry; an empty value removes it. */
    public CommunityState withExtension(String key, String value) {
        Map<String, String> x = new TreeMap<>(extensions);
        if (value == null || value.isEmpty()) {
            x.remove(key);
        } else {
            x.put(key, value);
        }
        return new CommunityState(community, lastArchiveEnd, links, archives, x);
    }
}

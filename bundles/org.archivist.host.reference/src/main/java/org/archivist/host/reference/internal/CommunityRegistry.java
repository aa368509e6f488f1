package org.archivist.host.reference.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.archivist.api.CommunityId;
import org.archivist.api.host.Community;
import org.archivist.api.host.CommunityDirectory;

import jakarta.inject.Inject;

/**
 * The reference host's community directory: the communities configured on this node, changeable at run
 * time, and the keys the channel and the cipher need. Thread-safe.
 */
public class CommunityRegistry implements CommunityDirectory {
    private final Map<CommunityId, CommunitySettings> communities = new ConcurrentHashMap<>();

    @Inject
    public CommunityRegistry() {
    }

    /** Adds a community, or replaces its settings. */
    public void put(CommunitySettings settings) {
        communities.put(settings.id(), settings);
    }

    public void remove(CommunityId id) {
        communities.remove(id);
    }

    public Optional<CommunitySettings> settings(CommunityId id) {
        return Optional.ofNullable(communities.get(id));
    }

    @Override
    public Optional<Community> community(CommunityId id) {
        return settings(id).map(CommunitySettings::community);
    }

    @Override
    public List<Community> communities() {
        List<Community> all = new ArrayList<>();
        communities.values().forEach(s -> all.add(s.community()));
        all.sort(Comparator.comparing(Community::id));
        return all;
    }

    /** The community's private key, when this node holds it. */
    public Optional<byte[]> privateKey(CommunityId id) {
        return settings(id).flatMap(CommunitySettings::privateKey);
    }

    /** The community's hash-ratchet group keys, oldest first; empty when none is known here. */
    public List<GroupKey> groupKeys(CommunityId id) {
        List<GroupKey> keys = new ArrayList<>(settings(id).map(CommunitySettings::groupKeys).orElse(List.of()));
        keys.sort(Comparator.comparingLong(GroupKey::timestamp));
        return keys;
    }
}

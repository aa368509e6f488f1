package org.archivist.scheduler.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;

import jakarta.inject.Inject;

/** Community state files under {@code <dir>/<cid>/state.properties}, one instance per community. */
public class FileCommunityStateStore implements CommunityStateStore {
    private final Path dir;
    private final Map<CommunityId, CommunityState> open = new ConcurrentHashMap<>();

    @Inject
    public FileCommunityStateStore(Path dir) {
        this.dir = dir;
    }

    @Override
    public CommunityState open(CommunityId community) throws ArchivistException {
        CommunityState s = open.get(community);
        if (s == null) {
            synchronized (this) {
                s = open.get(community);
                if (s == null) {
                    s = new PropertiesCommunityState(dir.resolve(community.hex()).resolve("state.properties"));
                    open.put(community, s);
                }
            }
        }
        return s;
    }
}

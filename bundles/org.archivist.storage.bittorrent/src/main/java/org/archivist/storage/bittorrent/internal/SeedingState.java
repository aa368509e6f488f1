package org.archivist.storage.bittorrent.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import org.archivist.api.CommunityId;
import org.archivist.api.storage.StorageException;
import org.archivist.core.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The communities this node seeds, kept in {@code <torrentDir>/.seeding} so that a restart resumes them. */
final class SeedingState {
    private static final Logger LOG = LoggerFactory.getLogger(SeedingState.class);
    private final Path file;

    SeedingState(Path torrentDir) {
        this.file = torrentDir.resolve(".seeding");
    }

    synchronized Set<CommunityId> load() {
        Set<CommunityId> communities = new TreeSet<>();
        if (!Files.exists(file)) {
            return communities;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    try {
                        communities.add(CommunityId.of(line.strip()));
                    } catch (IllegalArgumentException e) {
                        LOG.warn("{}: ignoring a line that is not a community id: {}", file, line);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}; no seeding is resumed", file, e.getMessage());
        }
        return communities;
    }

    synchronized void set(CommunityId community, boolean seeding) throws StorageException {
        Set<CommunityId> communities = load();
        boolean changed = seeding ? communities.add(community) : communities.remove(community);
        if (!changed) {
            return;
        }
        StringBuilder text = new StringBuilder();
        communities.forEach(c -> text.append(c.hex()).append('\n'));
        try {
            AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StorageException("cannot record the seeded communities in " + file + ": " + e.getMessage(), true,
                    e);
        }
    }
}

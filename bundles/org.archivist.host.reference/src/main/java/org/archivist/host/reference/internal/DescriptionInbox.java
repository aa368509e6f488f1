package org.archivist.host.reference.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.archivist.api.CommunityId;
import org.archivist.api.content.CommunityDescription;
import org.archivist.api.content.DescriptionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference host's receive path for community descriptions: the description service hands it each newest
 * verified description; it keeps the newest per community (a chat server would update its community view here).
 */
public final class DescriptionInbox implements DescriptionListener {
    private static final Logger LOG = LoggerFactory.getLogger(DescriptionInbox.class);
    private final Map<CommunityId, CommunityDescription> newest = new ConcurrentHashMap<>();
    private final AtomicLong handed = new AtomicLong();

    @Override
    public void newest(CommunityDescription d) {
        handed.incrementAndGet();
        newest.merge(d.community(), d, (old, now) -> now.clock() > old.clock() ? now : old);
        LOG.info("{}: community description, clock {}, {} bytes", d.community(), d.clock(), d.bytes().length);
    }

    public Optional<CommunityDescription> newest(CommunityId community) {
        return Optional.ofNullable(newest.get(community));
    }

    /** How many descriptions the service handed over (each newer than the one before). */
    public long handed() {
        return handed.get();
    }
}

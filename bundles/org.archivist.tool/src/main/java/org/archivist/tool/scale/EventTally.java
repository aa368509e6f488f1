package org.archivist.tool.scale;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.archivist.api.CommunityId;
import org.archivist.api.service.ArchiveEvent;
import org.archivist.api.service.ArchiveEventListener;

/**
 * Counts the communities that reached an event type since {@link #expect} was last called; {@link #await}
 * returns when every expected one has.
 */
final class EventTally implements ArchiveEventListener {
    private final ArchiveEvent.Type type;
    private volatile Set<CommunityId> expected = Set.of();
    private volatile Set<CommunityId> reached = ConcurrentHashMap.newKeySet();
    private volatile CountDownLatch latch = new CountDownLatch(0);

    EventTally(ArchiveEvent.Type type) {
        this.type = type;
    }

    /** Starts a new count over these communities. */
    synchronized void expect(Set<CommunityId> communities) {
        reached = ConcurrentHashMap.newKeySet();
        expected = Set.copyOf(communities);
        latch = new CountDownLatch(communities.size());
    }

    @Override
    public void on(ArchiveEvent event) {
        if (event.type() == type && expected.contains(event.community()) && reached.add(event.community())) {
            latch.countDown();
        }
    }

    /** True when every expected community reached the event within the timeout. */
    boolean await(long seconds) throws InterruptedException {
        return latch.await(seconds, TimeUnit.SECONDS);
    }

    int reached() {
        return reached.size();
    }
}

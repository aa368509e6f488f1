package org.archivist.scheduler.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.service.ArchiveEvent;
import org.archivist.host.reference.InProcessNetwork;
import org.archivist.host.reference.ReferenceNode;
import org.archivist.host.reference.ReferenceNode.GroupKeyMaterial;

/**
 * One node for scheduler tests: a reference host (built through its exported {@link ReferenceNode}, on an
 * in-process network), the scheduler on virtual time, shared test-double backends.
 */
final class TestNode implements AutoCloseable {
    static final SecureRandom RANDOM = new SecureRandom();

    final Path dir;
    final ReferenceNode host;
    final VirtualTaskScheduler time;
    final BackendRegistry backends = new BackendRegistry();
    final List<ArchiveEvent> events = new CopyOnWriteArrayList<>();
    ArchiveScheduler scheduler;
    ArchiveProgressStore states;
    private AutoCloseable subscription;

    TestNode(Path dir, InProcessNetwork network, VirtualTaskScheduler time, InMemoryBackend... shared)
            throws IOException {
        this.dir = dir;
        this.time = time;
        this.host = network.node(dir, dir.getFileName().toString());
        for (InMemoryBackend b : shared) {
            backends.add(b.name(), b);
        }
        startScheduler();
    }

    /** A fresh scheduler on the same state directory, as after a process restart. */
    void restart() throws Exception {
        subscription.close();
        scheduler.close();
        startScheduler();
    }

    private void startScheduler() {
        SchedulerContext ctx = SchedulerNodes.context(time, host.store(), host.directory(), host.channel(),
                host.importer(), Optional.of(host.cipher()), backends, dir.resolve("scheduler"), events::add,
                Duration.ofSeconds(30), Duration.ofHours(1));
        states = ctx.states();
        scheduler = new ArchiveScheduler(ctx);
        subscription = host.channel().subscribe(scheduler);
    }

    ArchiveProgress state(CommunityId id) throws Exception {
        return states.open(id);
    }

    List<ArchiveEvent.Type> eventTypes() {
        return events.stream().map(ArchiveEvent::type).toList();
    }

    long count(ArchiveEvent.Type type) {
        return events.stream().filter(e -> e.type() == type).count();
    }

    static byte[] newKey() {
        return ReferenceNode.newCommunityKey(RANDOM);
    }

    static CommunityId idOf(byte[] key) {
        return ReferenceNode.communityIdOf(key);
    }

    void own(byte[] key, boolean encrypted, GroupKeyMaterial... keys) {
        host.own(key, topics(idOf(key)), encrypted, List.of(keys));
    }

    void join(CommunityId id, boolean encrypted, GroupKeyMaterial... keys) {
        host.join(id, topics(id), encrypted, List.of(keys));
    }

    static List<ContentTopic> topics(CommunityId id) {
        return ReferenceNode.topicsOf(id, "general", "random");
    }

    static ContentTopic general(CommunityId id) {
        return ReferenceNode.chatTopic(id, "general");
    }

    /** Stores messages at the given Unix seconds on the community's general chat; returns them. */
    List<ArchivedMessage> addMessages(CommunityId id, long... timestamps) throws IOException {
        List<ArchivedMessage> ms = new ArrayList<>();
        for (long t : timestamps) {
            byte[] hash = new byte[32];
            RANDOM.nextBytes(hash);
            ms.add(new ArchivedMessage(new byte[] {1}, t, general(id), ("message at " + t).getBytes(StandardCharsets.UTF_8),
                    new byte[] {1}, hash, ""));
        }
        host.addMessages(id, ms);
        return ms;
    }

    @Override
    public void close() throws Exception {
        subscription.close();
        scheduler.close();
        host.close();
    }
}

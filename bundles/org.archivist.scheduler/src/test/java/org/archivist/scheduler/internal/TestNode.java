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
import org.archivist.host.reference.internal.AnnouncementTransport;
import org.archivist.host.reference.internal.CommunitySettings;
import org.archivist.host.reference.internal.GroupKey;
import org.archivist.host.reference.internal.ReferenceHost;
import org.archivist.host.reference.internal.Secp256k1;

/** One node for scheduler tests: a reference host, the scheduler on virtual time, shared test-double backends. */
final class TestNode implements AutoCloseable {
    static final SecureRandom RANDOM = new SecureRandom();

    final Path dir;
    final ReferenceHost host;
    final VirtualTaskScheduler time;
    final BackendRegistry backends = new BackendRegistry();
    final List<ArchiveEvent> events = new CopyOnWriteArrayList<>();
    ArchiveScheduler scheduler;
    ArchiveProgressStore states;
    private AutoCloseable subscription;

    TestNode(Path dir, AnnouncementTransport transport, VirtualTaskScheduler time, InMemoryBackend... shared)
            throws IOException {
        this.dir = dir;
        this.time = time;
        this.host = new ReferenceHost(dir, dir.getFileName().toString(), transport);
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
        return Secp256k1.newPrivateKey(RANDOM);
    }

    static CommunityId idOf(byte[] key) {
        return CommunityId.of(Secp256k1.compressedPublicKey(key));
    }

    void own(byte[] key, boolean encrypted, GroupKey... keys) {
        CommunityId id = idOf(key);
        host.directory().put(new CommunitySettings(id, Optional.of(key), topics(id), encrypted, true, true,
                List.of(keys)));
    }

    void join(CommunityId id, boolean encrypted, GroupKey... keys) {
        host.directory().put(new CommunitySettings(id, Optional.empty(), topics(id), encrypted, false, true,
                List.of(keys)));
    }

    static List<ContentTopic> topics(CommunityId id) {
        return CommunitySettings.topicsOf(id, "general", "random");
    }

    static ContentTopic general(CommunityId id) {
        return CommunitySettings.chatTopic(id, "general");
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
        host.store().add(id, ms);
        return ms;
    }

    @Override
    public void close() throws Exception {
        subscription.close();
        scheduler.close();
        host.close();
    }
}

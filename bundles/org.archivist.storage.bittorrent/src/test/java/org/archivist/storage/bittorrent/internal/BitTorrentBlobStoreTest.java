package org.archivist.storage.bittorrent.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.archivist.api.content.CancelSignal;
import org.archivist.api.content.ContentException;
import org.archivist.api.content.InvalidLinkException;
import org.archivist.api.content.TransferProgress;
import org.archivist.storage.bittorrent.internal.engine.EngineKind;
import org.archivist.storage.bittorrent.internal.engine.EngineSettings;
import org.archivist.storage.bittorrent.internal.engine.TorrentEngine;
import org.archivist.storage.bittorrent.internal.engine.TorrentEngines;
import org.archivist.storage.bittorrent.internal.testing.Backends;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files as single-file torrents between embedded engines on loopback: 50 MB, resume, the sender gone. On the default
 * engine ({@code -Darchivist.test.engine=bt} runs them on bt).
 */
class BitTorrentBlobStoreTest {
    private static final EngineKind KIND = TorrentEngines.usable(Backends.ENGINE);

    @TempDir
    Path tmp;
    private final List<TorrentEngine> engines = new ArrayList<>();

    @AfterEach
    void stop() {
        engines.forEach(TorrentEngine::close);
    }

    private TorrentEngine engine() throws Exception {
        return engine(KIND);
    }

    private TorrentEngine engine(EngineKind kind) throws Exception {
        TorrentEngine e = TorrentEngines.start(kind, EngineSettings.loopback().withStallTimeout(Duration.ofSeconds(20)));
        engines.add(e);
        return e;
    }

    /** A fresh engine for one fetch (the store closes it). */
    private TorrentEngine fetchEngine() throws org.archivist.storage.bittorrent.internal.engine.EngineException {
        return TorrentEngines.start(KIND, EngineSettings.loopback().withStallTimeout(Duration.ofSeconds(40)));
    }

    private BitTorrentBlobStore store(TorrentEngine engine, String name, List<String> hints) throws Exception {
        return new BitTorrentBlobStore(engine, this::fetchEngine, BlobLayout.of(KIND), tmp.resolve(name),
                Optional.of("127.0.0.1"), hints, Duration.ofSeconds(20), 64L << 20);
    }

    private Path file(String name, int size, long seed) throws Exception {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return Files.write(tmp.resolve(name), b);
    }

    @Test
    void aFiftyMegabyteFileIsPublishedAndFetchedByAnotherNode() throws Exception {
        TorrentEngine ownerEngine = engine();
        BitTorrentBlobStore owner = store(ownerEngine, "owner", List.of());
        Path file = file("big.bin", 50 * 1024 * 1024, 1);
        String expected = owner.linkOf(file);
        String link = owner.put(file, TransferProgress.NONE, CancelSignal.NEVER);
        assertEquals(expected, link);
        assertTrue(link.startsWith("magnet:?xt=urn:btih:") && link.contains("x.pe=127.0.0.1"), link);
        assertEquals(List.of(link), owner.kept());

        BitTorrentBlobStore member = store(engine(), "member", List.of());
        Path target = tmp.resolve("fetched.bin");
        AtomicLong seen = new AtomicLong();
        member.fetch(link, target, (done, total) -> seen.set(done), CancelSignal.NEVER);
        assertEquals(Files.size(file), seen.get());
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(target));
    }

    @Test
    void aFetchInterruptedMidwayResumesWithTheVerifiedPieces() throws Exception {
        TorrentEngine ownerEngine = engine();
        BitTorrentBlobStore owner = store(ownerEngine, "owner", List.of());
        Path file = file("f.bin", 8 * 1024 * 1024, 2);
        String link = owner.put(file, TransferProgress.NONE, CancelSignal.NEVER);
        TorrentEngine memberEngine = engine();
        BitTorrentBlobStore member = store(memberEngine, "member", List.of());
        Path target = tmp.resolve("out.bin");
        TestCancel cancel = new TestCancel();
        assertThrows(CancellationException.class, () -> member.fetch(link, target, (done, total) -> {
            if (done > 0 && !cancel.isCancelled()) {
                CompletableFuture.runAsync(cancel::cancel);
            }
        }, cancel));
        assertFalse(Files.exists(target), "nothing unverified reaches the target");
        assertTrue(member.kept().isEmpty(), "an incomplete blob is not kept");

        AtomicLong firstReport = new AtomicLong(-1);
        member.fetch(link, target, (done, total) -> firstReport.compareAndSet(-1, done), CancelSignal.NEVER);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(target));
        assertTrue(firstReport.get() > 0, "the second fetch began with the pieces verified before: "
                + firstReport.get());
        assertEquals(1, member.kept().size(), "a complete blob is kept (and seeded)");
    }

    @Test
    void aFileStaysFetchableWhenItsSenderIsGoneBecauseAMemberSeedsIt() throws Exception {
        TorrentEngine ownerEngine = engine();
        BitTorrentBlobStore owner = store(ownerEngine, "owner", List.of());
        Path file = file("f.bin", 3 * 1024 * 1024 + 5, 3);
        String link = owner.put(file, TransferProgress.NONE, CancelSignal.NEVER);
        TorrentEngine firstEngine = engine();
        store(firstEngine, "first", List.of()).fetch(link, tmp.resolve("first.bin"), TransferProgress.NONE,
                CancelSignal.NEVER);
        ownerEngine.close();

        BitTorrentBlobStore late = store(engine(), "late", List.of("127.0.0.1:" + firstEngine.port()));
        late.fetch(link, tmp.resolve("late.bin"), TransferProgress.NONE, CancelSignal.NEVER);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(tmp.resolve("late.bin")));
    }

    @Test
    void keptBlobsAreSeededAgainAfterARestartAndReleasedOnRequest() throws Exception {
        TorrentEngine first = engine();
        Path file = file("f.bin", 1_000_000, 4);
        String link = store(first, "owner", List.of()).put(file, TransferProgress.NONE, CancelSignal.NEVER);
        first.close();
        TorrentEngine second = engine();
        BitTorrentBlobStore restarted = store(second, "owner", List.of());
        String hash = link.substring("magnet:?xt=urn:btih:".length(), "magnet:?xt=urn:btih:".length() + 40);
        assertFalse(second.isSeeding(hash));
        restarted.refreshDue();
        assertTrue(second.isSeeding(hash));
        String again = restarted.kept().get(0);
        store(engine(), "member", List.of()).fetch(again, tmp.resolve("m.bin"), TransferProgress.NONE,
                CancelSignal.NEVER);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(tmp.resolve("m.bin")));
        restarted.release(again);
        assertFalse(second.isSeeding(hash));
        assertEquals(List.of(), restarted.kept());
    }

    @Test
    void badLinksAndAbsentPeersAreTypedErrors() throws Exception {
        BitTorrentBlobStore store = store(engine(), "s", List.of());
        assertFalse(store.recognizes("zDvZRwzm1ePSzKSXt57D5YxHwcSDmsCyYN65wW4HT7fuX9HrzFXy"));
        InvalidLinkException bad = assertThrows(InvalidLinkException.class, () -> store.fetch("magnet:?xt=nope",
                tmp.resolve("x"), TransferProgress.NONE, CancelSignal.NEVER));
        assertFalse(bad.retryable());
        BitTorrentBlobStore impatient = new BitTorrentBlobStore(engine(), this::fetchEngine, BlobLayout.of(KIND),
                tmp.resolve("i"), Optional.empty(),
                List.of(), Duration.ofSeconds(2), 1 << 20);
        ContentException nobody = assertThrows(ContentException.class, () -> impatient.fetch("magnet:?xt=urn:btih:"
                + "ab".repeat(20), tmp.resolve("y"), TransferProgress.NONE, CancelSignal.NEVER));
        assertTrue(nobody.retryable(), nobody.getMessage());
    }

    @Test
    void blobsKeptByANodeOnTheOtherEngineAreSeededAfterTheSwitch() throws Exception {
        EngineKind other = KIND == EngineKind.BT ? EngineKind.LIBTORRENT : EngineKind.BT;
        org.junit.jupiter.api.Assumptions.assumeTrue(TorrentEngines.usable(other) == other,
                "libtorrent's native does not load here");
        Path file = file("f.bin", 700_000, 5);
        TorrentEngine before = engine(other);
        String link = new BitTorrentBlobStore(before, this::fetchEngine, BlobLayout.of(other), tmp.resolve("owner"),
                Optional.of("127.0.0.1"), List.of(), Duration.ofSeconds(20), 64L << 20)
                .put(file, TransferProgress.NONE, CancelSignal.NEVER);
        before.close();
        String hash = link.substring("magnet:?xt=urn:btih:".length(), "magnet:?xt=urn:btih:".length() + 40);
        assertTrue(Files.isRegularFile(BlobLayout.of(other).content(tmp.resolve("owner").resolve(hash))));

        TorrentEngine after = engine();
        BitTorrentBlobStore switched = store(after, "owner", List.of());
        switched.refreshDue();
        assertTrue(after.isSeeding(hash), "the kept blob moved into this engine's layout and is seeded");
        store(engine(), "member", List.of()).fetch(switched.kept().get(0), tmp.resolve("m.bin"),
                TransferProgress.NONE, CancelSignal.NEVER);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(tmp.resolve("m.bin")));
    }

    /** A cancel signal a test trips. */
    static final class TestCancel implements CancelSignal {
        private volatile boolean cancelled;
        private final java.util.Set<Runnable> actions = java.util.concurrent.ConcurrentHashMap.newKeySet();

        void cancel() {
            cancelled = true;
            actions.forEach(Runnable::run);
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public Registration onCancel(Runnable abort) {
            actions.add(abort);
            if (cancelled) {
                abort.run();
            }
            return () -> actions.remove(abort);
        }
    }
}

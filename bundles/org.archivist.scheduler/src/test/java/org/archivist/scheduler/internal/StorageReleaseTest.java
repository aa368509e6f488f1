package org.archivist.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchiveMetadata;
import org.archivist.api.CommunityId;
import org.archivist.api.IndexEntry;
import org.archivist.api.TimeRange;
import org.archivist.api.host.Community;
import org.archivist.api.host.CommunityDirectory;
import org.archivist.api.service.ReleasableCopy;
import org.archivist.api.service.ReleasableCopy.Kind;
import org.archivist.api.service.ReleasePolicy;
import org.archivist.api.service.ReleaseReport;
import org.archivist.api.service.StorageHolder;
import org.archivist.api.service.StorageUsage;
import org.archivist.api.storage.ArchiveSizeLookup;
import org.archivist.api.storage.BackendStatus;
import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.MemberCopies;
import org.archivist.api.storage.StorageBackend;
import org.archivist.api.storage.StorageException;
import org.archivist.core.link.MagnetLinkFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's storage limit at work: what each release policy frees (fetched files, then members' imported archive
 * sets, oldest first), what it never touches (an owner's sets, a set being downloaded), the operator's release, and
 * a Codex archive admitted by the size its node tells.
 */
class StorageReleaseTest {
    static final CommunityId OWNED = CommunityId.of("0x02" + "01".repeat(32));
    static final CommunityId OLD_MEMBER = CommunityId.of("0x02" + "02".repeat(32));
    static final CommunityId NEW_MEMBER = CommunityId.of("0x02" + "03".repeat(32));
    static final CommunityId DOWNLOADING = CommunityId.of("0x02" + "04".repeat(32));

    @TempDir
    Path dir;
    final BackendRegistry backends = new BackendRegistry();
    final StorageHolders holders = new StorageHolders();
    final Files files = new Files();
    final Sets sets = new Sets();
    final Set<CommunityId> pending = new HashSet<>();
    final List<String> events = new CopyOnWriteArrayList<>();

    /** A file service's fetched copies: name to bytes and time. */
    static final class Files implements StorageHolder {
        final Map<String, long[]> copies = new ConcurrentHashMap<>();
        long staged; // the only copies of publishes: counted, never releasable

        @Override
        public String name() {
            return "files";
        }

        @Override
        public long storedBytes() {
            return staged + copies.values().stream().mapToLong(c -> c[0]).sum();
        }

        @Override
        public List<ReleasableCopy> releasable() {
            List<ReleasableCopy> out = new ArrayList<>();
            copies.forEach((n, c) -> out.add(new ReleasableCopy(Kind.FILE, "files", n, c[0],
                    Instant.ofEpochSecond(c[1]), Optional.empty())));
            return out;
        }

        @Override
        public long release(ReleasableCopy copy) {
            long[] c = copies.remove(copy.id());
            return c == null ? 0 : c[0];
        }
    }

    /** A BitTorrent backend's sets: the owner's one (never a member copy) and the members'. */
    final class Sets implements MemberCopies {
        final Map<CommunityId, long[]> members = new ConcurrentHashMap<>();
        long owned;

        @Override
        public List<MemberCopy> memberCopies() {
            List<MemberCopy> out = new ArrayList<>();
            members.forEach((c, v) -> out.add(new MemberCopy(c, v[0], Instant.ofEpochSecond(v[1]))));
            return out;
        }

        @Override
        public long releaseMemberCopy(CommunityId community) throws StorageException {
            if (community.equals(OWNED)) {
                throw new StorageException("an owner's set", false);
            }
            long[] v = members.remove(community);
            return v == null ? 0 : v[0];
        }

        long stored() {
            return owned + members.values().stream().mapToLong(v -> v[0]).sum();
        }
    }

    StorageBackend backend(LinkFormat format, MemberCopies copies) {
        return (StorageBackend) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {StorageBackend.class, MemberCopies.class}, (proxy, method, args) -> switch (
                        method.getName()) {
                    case "linkFormat" -> format;
                    case "status" -> BackendStatus.up(Map.of(StorageUsage.STORED_BYTES_METRIC, sets.stored()));
                    case "memberCopies" -> copies.memberCopies();
                    case "releaseMemberCopy" -> copies.releaseMemberCopy((CommunityId) args[0]);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "backend " + format.kind();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    final CommunityDirectory directory = new CommunityDirectory() {
        @Override
        public Optional<Community> community(CommunityId id) {
            return communities().stream().filter(c -> c.id().equals(id)).findFirst();
        }

        @Override
        public List<Community> communities() {
            return List.of(new Community(OWNED, List.of(), false, true, true),
                    new Community(OLD_MEMBER, List.of(), false, false, true),
                    new Community(NEW_MEMBER, List.of(), false, false, true),
                    new Community(DOWNLOADING, List.of(), false, false, true));
        }
    };

    final ArchiveProgressStore states = community -> (ArchiveProgress) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {ArchiveProgress.class}, (proxy, method, args) -> {
                if (method.getName().equals("pendingLink")) {
                    return pending.contains(community) ? Optional.of("magnet:?xt=urn:btih:00") : Optional.empty();
                }
                throw new UnsupportedOperationException(method.getName());
            });

    StorageLimit limit(long max, ReleasePolicy policy) {
        backends.add("bittorrent", backend(MagnetLinkFormat.INSTANCE, sets));
        holders.add(files);
        StorageLimit l = new StorageLimit(backends, holders, dir.resolve("scheduler"), max,
                new ReleaseGuard(directory, states));
        l.setReleasePolicy(policy);
        l.setEvents(new StorageEvents() {
            @Override
            public void released(ReleasableCopy copy) {
                events.add("released " + copy.kind() + " " + copy.id());
            }

            @Override
            public void limitReached(StorageUsage usage, long neededBytes, String what) {
                events.add("limit " + usage.usedBytes() + "/" + usage.maxBytes() + " +" + neededBytes + " " + what);
            }
        });
        return l;
    }

    /** 1000 bytes of the owner's set, 300 staged, two fetched files, three member sets (one being downloaded). */
    void fill() {
        sets.owned = 1000;
        files.staged = 300;
        files.copies.put("old-file", new long[] {200, 10});
        files.copies.put("new-file", new long[] {250, 20});
        sets.members.put(OLD_MEMBER, new long[] {400, 5});
        sets.members.put(NEW_MEMBER, new long[] {500, 30});
        sets.members.put(DOWNLOADING, new long[] {600, 1});
        pending.add(DOWNLOADING);
    }

    static final long TOTAL = 1000 + 300 + 200 + 250 + 400 + 500 + 600;

    @Test
    void countsEveryHolderWithTheBackendsAndTheSchedulersDirectory() throws Exception {
        fill();
        assertEquals(new StorageUsage(TOTAL, 4000), limit(4000, ReleasePolicy.NONE).usage());
    }

    @Test
    void withoutAReleasePolicyNothingIsReleasedAndTheRefusalIsAnEvent() throws Exception {
        fill();
        StorageLimit l = limit(TOTAL + 100, ReleasePolicy.NONE);
        assertTrue(l.makeRoom(100, "file a"));
        assertFalse(l.makeRoom(101, "file b"));
        assertEquals(List.of("limit " + TOTAL + "/" + (TOTAL + 100) + " +101 file b"), events);
        assertEquals(2, files.copies.size());
        assertEquals(3, sets.members.size());
    }

    @Test
    void oldestFilesFirstReleasesTheOldestFetchedCopyThatIsEnoughAndNeverAnArchiveSet() throws Exception {
        fill();
        StorageLimit l = limit(TOTAL, ReleasePolicy.OLDEST_FILES_FIRST);
        assertTrue(l.makeRoom(150, "file a"));
        assertEquals(List.of("released FILE old-file"), events);
        assertEquals(Set.of("new-file"), files.copies.keySet());

        events.clear();
        assertFalse(l.makeRoom(600, "archive 0xbig"), "the files are not enough and sets are not released");
        assertEquals(List.of("released FILE new-file", "limit " + (TOTAL - 450) + "/" + TOTAL + " +600 archive 0xbig"),
                events);
        assertEquals(3, sets.members.size());
        assertEquals(300, files.storedBytes(), "a staged publish is never released");
    }

    @Test
    void filesThenArchivesReleasesFilesThenTheOldestMemberSetsButNeverAnOwnersOrOneBeingDownloaded()
            throws Exception {
        fill();
        StorageLimit l = limit(TOTAL, ReleasePolicy.FILES_THEN_ARCHIVES);
        assertTrue(l.makeRoom(800, "archive 0xa"));
        assertEquals(List.of("released FILE old-file", "released FILE new-file", "released ARCHIVE_SET "
                + OLD_MEMBER.hex()), events, "files first, then the oldest member set, until it fits");
        assertEquals(Set.of(NEW_MEMBER, DOWNLOADING), sets.members.keySet());

        events.clear();
        assertFalse(l.makeRoom(TOTAL, "archive 0xhuge"));
        assertEquals(List.of("released ARCHIVE_SET " + NEW_MEMBER.hex(),
                "limit " + (1000 + 300 + 600) + "/" + TOTAL + " +" + TOTAL + " archive 0xhuge"), events);
        assertEquals(1000, sets.owned, "the owner's set is untouched");
        assertEquals(Set.of(DOWNLOADING), sets.members.keySet(), "a set being downloaded is not released");
        assertEquals(new StorageUsage(1000 + 300 + 600, TOTAL), l.usage(), "and what was released is gone");
    }

    @Test
    void theOperatorsReleaseListsOnADryRunAndFreesWhatItIsAskedWhateverThePolicy() throws Exception {
        fill();
        StorageLimit l = limit(0, ReleasePolicy.NONE);
        ReleaseReport dry = l.release(Long.MAX_VALUE, Set.of(Kind.FILE, Kind.ARCHIVE_SET), true);
        assertTrue(dry.dryRun());
        assertEquals(List.of("old-file", "new-file", OLD_MEMBER.hex(), NEW_MEMBER.hex()),
                dry.released().stream().map(ReleasableCopy::id).toList());
        assertEquals(200 + 250 + 400 + 500, dry.releasedBytes());
        assertEquals(new StorageUsage(TOTAL, 0), dry.usage());
        assertEquals(List.of(), events, "a dry run releases nothing");
        assertEquals(2, files.copies.size());

        ReleaseReport someFiles = l.release(1, Set.of(Kind.FILE), false);
        assertEquals(List.of("old-file"), someFiles.released().stream().map(ReleasableCopy::id).toList());
        ReleaseReport allFiles = l.release(Long.MAX_VALUE, Set.of(Kind.FILE), false);
        assertEquals(250, allFiles.releasedBytes());
        assertEquals(3, sets.members.size(), "files only");
        assertEquals(List.of("released FILE old-file", "released FILE new-file"), events);

        assertThrows(IllegalArgumentException.class, () -> l.release(0, Set.of(Kind.FILE), false));
        assertThrows(IllegalArgumentException.class, () -> l.release(10, Set.of(), false));
    }

    @Test
    void aCodexArchiveIsAdmittedByTheSizeItsNodeTells() throws Exception {
        fill();
        StorageLimit l = limit(TOTAL + StorageLimit.bytesWritten(1000), ReleasePolicy.NONE);
        IndexEntry codexEntry = new IndexEntry("0xcid", new ArchiveMetadata(TimeRange.of(0, 10), List.of()),
                new ArchiveLocation.ContentAddress("zDvZ"));
        List<ArchiveLocation> asked = new ArrayList<>();
        ArchiveSizeLookup small = at -> {
            asked.add(at);
            return OptionalLong.of(1000);
        };
        l.admit(codexEntry, Optional.of(small));
        assertEquals(List.of(codexEntry.location()), asked);

        ArchiveSizeLookup large = at -> OptionalLong.of(1001);
        StorageLimitException refused = assertThrows(StorageLimitException.class,
                () -> l.admit(codexEntry, Optional.of(large)));
        assertTrue(refused.getMessage().contains("archive 0xcid (1001 bytes) not downloaded"), refused.getMessage());

        ArchiveSizeLookup down = at -> {
            throw new StorageException("node down", true);
        };
        StorageException e = assertThrows(StorageException.class, () -> l.admit(codexEntry, Optional.of(down)));
        assertTrue(e.retryable());
        l.admit(codexEntry, Optional.of(at -> OptionalLong.empty())); // a node that cannot tell: admitted (logged)
    }

    @Test
    void anUnknownReleasePolicyNamesTheValidOnes() {
        assertEquals(ReleasePolicy.FILES_THEN_ARCHIVES, ReleasePolicy.parse(" Files-Then-Archives "));
        assertEquals(ReleasePolicy.NONE, ReleasePolicy.parse(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReleasePolicy.parse("oldest"));
        assertEquals("storageRelease 'oldest' is not one of none, oldest-files-first, files-then-archives",
                e.getMessage());
    }
}

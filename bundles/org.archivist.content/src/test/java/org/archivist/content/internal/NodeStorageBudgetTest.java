package org.archivist.content.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.archivist.api.content.StorageLimitException;
import org.archivist.api.content.StorageUsage;
import org.archivist.api.service.NodeStorage;
import org.archivist.api.service.ReleasableCopy;
import org.archivist.api.service.ReleasePolicy;
import org.archivist.api.service.ReleaseReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file service under the node's storage limit: it asks the node before each transfer, counts its reservations
 * for the node, offers its fetched copies (never a staged publish or a partial fetch) for release.
 */
class NodeStorageBudgetTest {
    @TempDir
    Path tmp;

    /** A node limit of {@code max} over this budget alone, releasing the holder's files when it may. */
    static final class OneHolderNode implements NodeStorage {
        final long max;
        final boolean releaseFiles;
        FileStorageHolder holder;
        final List<String> asked = new CopyOnWriteArrayList<>();

        OneHolderNode(long max, boolean releaseFiles) {
            this.max = max;
            this.releaseFiles = releaseFiles;
        }

        @Override
        public org.archivist.api.service.StorageUsage usage() throws IOException {
            return new org.archivist.api.service.StorageUsage(holder.storedBytes(), max);
        }

        @Override
        public ReleasePolicy releasePolicy() {
            return releaseFiles ? ReleasePolicy.OLDEST_FILES_FIRST : ReleasePolicy.NONE;
        }

        @Override
        public boolean makeRoom(long bytes, String what) throws IOException {
            asked.add(what + " " + bytes);
            if (releaseFiles) {
                for (ReleasableCopy c : holder.releasable()) {
                    if (usage().admits(bytes)) {
                        break;
                    }
                    holder.release(c);
                }
            }
            return usage().admits(bytes);
        }

        @Override
        public ReleaseReport release(long bytes, Set<ReleasableCopy.Kind> kinds, boolean dryRun) {
            throw new UnsupportedOperationException();
        }
    }

    DiskBudget budget(Path outbox, Path files, List<String> heard) {
        return new DiskBudget(0, List.of(outbox, files), files, new StorageLimitListener() {
            @Override
            public void reached(StorageUsage usage, long neededBytes, String what) {
                heard.add("reached " + usage.usedBytes() + "/" + usage.maxBytes() + " +" + neededBytes);
            }

            @Override
            public void cleared(StorageUsage usage) {
                heard.add("cleared");
            }
        });
    }

    @Test
    void theNodeIsAskedFirstAndCountsWhatRunningTransfersReserved() throws Exception {
        Path outbox = Files.createDirectories(tmp.resolve("outbox"));
        Path files = Files.createDirectories(tmp.resolve("files"));
        Files.write(outbox.resolve("staged.blob"), new byte[600]);
        List<String> heard = new CopyOnWriteArrayList<>();
        DiskBudget budget = budget(outbox, files, heard);
        OneHolderNode node = new OneHolderNode(1000, false);
        node.holder = new FileStorageHolder(budget);
        budget.nodeStorage(node);

        DiskBudget.Reservation r = budget.reserve(300, "fetching a");
        assertEquals(List.of("fetching a 300"), node.asked);
        assertEquals(900, node.holder.storedBytes(), "the staged file and the running fetch's reservation");

        StorageLimitException e = assertThrows(StorageLimitException.class, () -> budget.reserve(101, "fetching b"));
        assertEquals(900, e.usedBytes());
        assertEquals(1000, e.maxBytes());
        assertTrue(e.getMessage().contains("node's 1000 allowed") && e.getMessage().contains("storageRelease (none)"),
                e.getMessage());
        assertTrue(budget.usage().atLimit());
        assertEquals(List.of("reached 900/1000 +101"), heard);

        r.close();
        budget.reserve(101, "fetching b").close();
        assertFalse(budget.usage().atLimit());
        assertEquals(List.of("reached 900/1000 +101", "cleared"), heard);
        assertEquals(600, node.holder.storedBytes());
    }

    @Test
    void onlyCompleteFetchedCopiesAreReleasableOldestFirst() throws Exception {
        Path outbox = Files.createDirectories(tmp.resolve("outbox"));
        Path files = Files.createDirectories(tmp.resolve("files"));
        Files.write(outbox.resolve("staged.blob"), new byte[600]);
        Path older = Files.write(files.resolve("older"), new byte[100]);
        Path newer = Files.write(files.resolve("newer"), new byte[200]);
        Files.write(files.resolve("coming.part"), new byte[50]);
        Files.setLastModifiedTime(older, FileTime.fromMillis(1_000));
        Files.setLastModifiedTime(newer, FileTime.fromMillis(2_000));
        DiskBudget budget = budget(outbox, files, new CopyOnWriteArrayList<>());
        FileStorageHolder holder = new FileStorageHolder(budget);

        List<ReleasableCopy> copies = holder.releasable();
        assertEquals(List.of("older", "newer"), copies.stream().map(ReleasableCopy::id).toList());
        assertEquals(List.of(100L, 200L), copies.stream().map(ReleasableCopy::bytes).toList());
        assertTrue(copies.stream().allMatch(c -> c.kind() == ReleasableCopy.Kind.FILE && c.holder().equals("files")));

        assertEquals(0, holder.release(new ReleasableCopy(ReleasableCopy.Kind.FILE, "files", "../outbox/staged.blob",
                600, copies.get(0).lastWritten(), java.util.Optional.empty())), "nothing outside the fetched copies");
        assertEquals(0, holder.release(new ReleasableCopy(ReleasableCopy.Kind.FILE, "files", "coming.part", 50,
                copies.get(0).lastWritten(), java.util.Optional.empty())), "nor a fetch in progress");
        assertTrue(Files.exists(outbox.resolve("staged.blob")));

        assertEquals(100, holder.release(copies.get(0)));
        assertFalse(Files.exists(older));
        assertEquals(0, holder.release(copies.get(0)), "already gone");
        assertEquals(600 + 200 + 50, holder.storedBytes());
    }

    @Test
    void aNodeThatReleasesFetchedCopiesLetsTheTransferThrough() throws Exception {
        Path outbox = Files.createDirectories(tmp.resolve("outbox"));
        Path files = Files.createDirectories(tmp.resolve("files"));
        Files.write(files.resolve("fetched"), new byte[500]);
        DiskBudget budget = budget(outbox, files, new CopyOnWriteArrayList<>());
        OneHolderNode node = new OneHolderNode(800, true);
        node.holder = new FileStorageHolder(budget);
        budget.nodeStorage(node);

        budget.reserve(400, "fetching c").close();
        assertFalse(Files.exists(files.resolve("fetched")), "released by the node's policy");
    }
}

package org.archivist.content.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.archivist.api.content.StorageLimitException;
import org.archivist.api.content.StorageUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The budget's limit events: reached once per stretch at the limit, cleared when a transfer fits again. */
class DiskBudgetTest {
    @TempDir
    Path tmp;

    @Test
    void theLimitIsReportedOnceWhenHitAndClearedWhenATransferFitsAgain() throws Exception {
        Path outbox = Files.createDirectories(tmp.resolve("outbox"));
        Path files = Files.createDirectories(tmp.resolve("files"));
        Files.write(outbox.resolve("staged.blob"), new byte[600]); // the only copy of a publish: never released
        List<String> heard = new CopyOnWriteArrayList<>();
        StorageLimitListener listener = new StorageLimitListener() {
            @Override
            public void reached(StorageUsage usage, long neededBytes, String what) {
                heard.add("reached " + usage.usedBytes() + "/" + usage.maxBytes() + " +" + neededBytes + " " + what);
            }

            @Override
            public void cleared(StorageUsage usage) {
                heard.add("cleared " + usage.usedBytes() + "/" + usage.maxBytes());
            }
        };
        DiskBudget budget = new DiskBudget(1000, List.of(outbox, files), files, listener);

        StorageLimitException e = assertThrows(StorageLimitException.class, () -> budget.reserve(500, "fetching a"));
        assertEquals(600, e.usedBytes());
        assertTrue(budget.usage().atLimit());
        assertThrows(StorageLimitException.class, () -> budget.reserve(450, "fetching b"));
        assertEquals(List.of("reached 600/1000 +500 fetching a"), heard, "one event for the stretch at the limit");

        budget.reserve(300, "fetching c").close();
        assertFalse(budget.usage().atLimit());
        assertEquals(List.of("reached 600/1000 +500 fetching a", "cleared 600/1000"), heard);

        assertThrows(StorageLimitException.class, () -> budget.reserve(401, "fetching d"));
        assertEquals(3, heard.size(), "hit again after it cleared: reported again");
    }

    @Test
    void withoutAMaximumNothingIsEverRefusedOrReported() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        DiskBudget budget = new DiskBudget(0, List.of(tmp), tmp, new StorageLimitListener() {
            @Override
            public void reached(StorageUsage usage, long neededBytes, String what) {
                heard.add(what);
            }

            @Override
            public void cleared(StorageUsage usage) {
                heard.add("cleared");
            }
        });
        budget.reserve(Long.MAX_VALUE / 2, "huge").close();
        assertEquals(List.of(), heard);
        assertEquals(new StorageUsage(0, 0, false), budget.usage());
    }
}

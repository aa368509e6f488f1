package org.archivist.commands.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.archivist.api.content.FileLink;
import org.archivist.api.content.StorageUsage;
import org.archivist.api.content.TransferInfo;
import org.archivist.api.content.TransferState;
import org.junit.jupiter.api.Test;

/** file:status shows the usage against the limit, whether it was hit, and each transfer with its failure. */
class FileStatusLinesTest {
    private static final Instant AT = Instant.parse("2026-12-04T10:00:00.250Z");

    @Test
    void usageLimitAndTransfers() {
        FileLink link = new FileLink("codex", "zDvZRwzm4NRF1Sv5D8TeK6USUwJHz7BSLXdgY9f189tuLNbgxnun", 3 << 20,
                Optional.empty());
        List<String> lines = FileStatusLines.of(Set.of("codex"), new StorageUsage(3 << 20, 4 << 20, true), List.of(
                new TransferInfo(TransferInfo.Direction.PUBLISH, "photo.jpg", Optional.of(link), TransferState.DONE,
                        3 << 20, 3 << 20, AT, Optional.empty()),
                new TransferInfo(TransferInfo.Direction.FETCH, "magnet:?xt=urn:btih:00", Optional.empty(),
                        TransferState.FAILED, 0, -1, AT, Optional.of("nobody serves it"))));
        assertEquals("Storage types : codex", lines.get(0));
        assertEquals("Storage used  : 3.0 MiB, limit 4.0 MiB (75% used)", lines.get(1));
        assertTrue(lines.get(2).startsWith("At limit      : YES"), lines.get(2));
        assertTrue(lines.get(4).matches("PUBLISH +DONE +3\\.0 MiB/3\\.0 MiB 100% +2026-12-04T10:00:00Z +photo\\.jpg"
                + " -> archivist-file:codex;3145728;-;zDvZ.*"), lines.get(4));
        assertTrue(lines.get(5).matches("FETCH +FAILED +0 B +2026-12-04T10:00:00Z +magnet:\\?xt=urn:btih:00"),
                lines.get(5));
        assertEquals("         failed: nobody serves it", lines.get(6));
    }

    @Test
    void noLimitNoTransfers() {
        List<String> lines = FileStatusLines.of(Set.of(), new StorageUsage(512, 0, false), List.of());
        assertTrue(lines.get(0).startsWith("Storage types : - "), lines.get(0));
        assertEquals("Storage used  : 512 B, no limit", lines.get(1));
        assertEquals("At limit      : no", lines.get(2));
        assertEquals("Transfers     : -", lines.get(3));
    }
}

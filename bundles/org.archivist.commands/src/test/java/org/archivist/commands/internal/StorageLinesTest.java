package org.archivist.commands.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

import org.archivist.api.CommunityId;
import org.archivist.api.service.CommunityArchiveStatus;
import org.archivist.api.service.StorageUsage;
import org.junit.jupiter.api.Test;

/** archive:status shows the node's storage for archives against its limit, and a member's last error. */
class StorageLinesTest {
    private static final CommunityId JOINED = CommunityId.of("0x03" + "22".repeat(32));
    private static final String ERROR = "download of magnet:x: storage limit: 900 of 1000 bytes in use; archive 0xab"
            + " (400 bytes) not downloaded";

    @Test
    void storageInUseAndTheLimitOrNone() {
        assertTrue(capture(p -> StatusCommand.printStorage(Optional.of(new StorageUsage(900, 1000)), p))
                .contains("Node storage     : 900 bytes in use, limit 1000 bytes"));
        assertTrue(capture(p -> StatusCommand.printStorage(Optional.of(new StorageUsage(900, 0)), p))
                .contains("Node storage     : 900 bytes in use, limit none"));
        assertTrue(capture(p -> StatusCommand.printStorage(Optional.empty(), p))
                .contains("Node storage     : not measured"));
    }

    @Test
    void aMembersLastErrorIsShownUntilADownloadCompletes() {
        CommunityArchiveStatus failing = new CommunityArchiveStatus(JOINED, Set.of("bittorrent"), false,
                OptionalLong.empty(), Set.of(), 1, 1, Set.of(), Optional.empty(), Optional.of(ERROR));
        String out = capture(p -> StatusCommand.print(failing, Map.of("bittorrent", "UP"), p));
        assertTrue(out.contains("Last error       : " + ERROR), out);
        CommunityArchiveStatus fine = new CommunityArchiveStatus(JOINED, Set.of("bittorrent"), false,
                OptionalLong.empty(), Set.of(), 1, 1);
        assertFalse(capture(p -> StatusCommand.print(fine, Map.of("bittorrent", "UP"), p)).contains("Last error"));
    }

    private static String capture(Consumer<PrintStream> print) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        print.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

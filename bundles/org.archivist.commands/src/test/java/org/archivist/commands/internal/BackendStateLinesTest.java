package org.archivist.commands.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import org.archivist.api.CommunityId;
import org.archivist.api.service.CommunityArchiveStatus;
import org.archivist.api.storage.BackendStatus;
import org.junit.jupiter.api.Test;

/** archive:status and archive:list say when a backend a community uses failed to start or is missing. */
class BackendStateLinesTest {
    private static final CommunityId ID = CommunityId.of("0x02" + "11".repeat(32));

    @Test
    void aBackendThatFailedToStartIsShownDownWithItsReason() {
        CommunityArchiveStatus c = new CommunityArchiveStatus(ID, Set.of("bittorrent", "codex"), true,
                OptionalLong.empty(), Set.of(), 0, 0);
        Map<String, String> states = new LinkedHashMap<>();
        states.put("bittorrent", BackendStates.describe(BackendStatus.down(
                "the BitTorrent engine did not start: java.lang.NoClassDefFoundError: bt/protocol/handler/X")));
        states.put("codex", BackendStates.describe(BackendStatus.up(Map.of())));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StatusCommand.print(c, states, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("State            : backend down: bittorrent"), out);
        assertTrue(out.contains("Backend          : bittorrent DOWN: the BitTorrent engine did not start:"
                + " java.lang.NoClassDefFoundError"), out);
        assertTrue(out.contains("Backend          : codex UP"), out);
    }

    @Test
    void stateSaysPausedForMissingBackendsAndDownForFailedOnes() {
        CommunityArchiveStatus paused = new CommunityArchiveStatus(ID, Set.of("codex"), true, OptionalLong.empty(),
                Set.of(), 0, 0, Set.of("codex"));
        assertEquals("paused: no codex", ListCommand.state(paused, Set.of("codex")));
        CommunityArchiveStatus running = new CommunityArchiveStatus(ID, Set.of("codex", "bittorrent"), true,
                OptionalLong.empty(), Set.of(), 0, 0);
        assertEquals("ok", ListCommand.state(running, Set.of()));
        assertEquals("backend down: bittorrent", ListCommand.state(running, Set.of("bittorrent")));
        assertEquals(BackendStates.NOT_RUNNING, BackendStates.describe(null));
        assertEquals("STARTING: the BitTorrent engine is starting",
                BackendStates.describe(BackendStatus.starting("the BitTorrent engine is starting")));
    }
}

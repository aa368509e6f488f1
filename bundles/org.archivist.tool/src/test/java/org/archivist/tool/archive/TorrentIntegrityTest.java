package org.archivist.tool.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.archivist.api.ArchivedMessage;
import org.archivist.core.jsonl.JsonlMessages;
import org.archivist.api.ContentTopic;
import org.archivist.tool.Command;
import org.archivist.tool.bittorrent.TorrentCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A byte flipped inside a message payload is caught by the torrent's piece hashes, and not re-published. */
class TorrentIntegrityTest {
    private static final String COMMUNITY = "0x03" + "cd".repeat(32);
    private static final long JAN_1 = 1577836800L;

    @TempDir
    Path tmp;
    private String out;
    private String err;

    @Test
    void inspectSeesAPayloadFlipThroughThePieceHashesAndTorrentRefusesIt() throws Exception {
        Path data = tmp.resolve("archivedata");
        Path torrents = tmp.resolve("torrents");
        Path dir = data.resolve(COMMUNITY);
        assertEquals(0, build(data, JAN_1, JAN_1 + 7 * 86400));
        assertEquals(0, run(new TorrentCommand(), dir.toString(), "--torrent-dir", torrents.toString()), err);

        assertEquals(0, run(new InspectCommand(), dir.toString()));
        assertTrue(out.contains("# checked: data and index against the 2 piece hashes of"), out);

        // flip one byte inside the last message's payload: the archive still decodes and matches its entry
        byte[] bytes = Files.readAllBytes(dir.resolve("data"));
        int at = lastIndexOf(bytes, (byte) 0x5a);
        try (FileChannel ch = FileChannel.open(dir.resolve("data"), StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {0x5b}), at);
        }
        assertEquals(1, run(new InspectCommand(), dir.toString()));
        assertTrue(err.contains("piece 0 (bytes 0 to 102400) does not match its hash"), err);

        assertEquals(0, build(data, JAN_1 + 7 * 86400, JAN_1 + 14 * 86400), err);
        assertEquals(1, run(new TorrentCommand(), dir.toString(), "--torrent-dir", torrents.toString()));
        assertTrue(err.contains("refusing") && err.contains("piece 0"), err);
    }

    @Test
    void inspectSaysWhenNoTorrentWasFound() throws Exception {
        Path data = tmp.resolve("archivedata");
        assertEquals(0, build(data, JAN_1, JAN_1 + 7 * 86400));
        assertEquals(0, run(new InspectCommand(), data.resolve(COMMUNITY).toString()));
        assertTrue(out.contains("# not checked: piece hashes"), out);
        assertTrue(out.contains("# checked: the index decodes"), out);
    }

    private static int lastIndexOf(byte[] bytes, byte b) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new AssertionError("no payload byte found");
    }

    private int build(Path dataDir, long from, long to) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] payload = new byte[50];
            java.util.Arrays.fill(payload, (byte) 0x5a);
            lines.add(JsonlMessages.format(new ArchivedMessage(new byte[] {1}, JAN_1 + i * 7 * 86400 / 2,
                    ContentTopic.of("01020304"), payload, new byte[0], new byte[] {(byte) i}, "")));
        }
        Path file = tmp.resolve("m.jsonl");
        Files.write(file, lines);
        return run(new BuildCommand(), "--community", COMMUNITY, "--topics", "01020304", "--from", "" + from, "--to",
                "" + to, "--messages", file.toString(), "--data-dir", dataDir.toString());
    }

    private int run(Command command, String... args) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
                PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            int rc = command.run(List.of(args), po, pe);
            out = o.toString(StandardCharsets.UTF_8);
            err = e.toString(StandardCharsets.UTF_8);
            return rc;
        }
    }
}

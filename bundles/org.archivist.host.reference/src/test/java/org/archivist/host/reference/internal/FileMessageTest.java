package org.archivist.host.reference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.archivist.api.CommunityId;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.content.FileLink;
import org.junit.jupiter.api.Test;

class FileMessageTest {
    private static final CommunityId COMMUNITY = CommunityId.of("0x02" + "ab".repeat(32));
    private static final FileLink BT = new FileLink("bittorrent", "magnet:?xt=urn:btih:" + "1f".repeat(20)
            + "&x.pe=127.0.0.1%3A9027", 4096, Optional.empty());
    private static final FileLink CODEX = new FileLink("codex", "zDvZRwzm4NRF1Sv5D8TeK6USUwJHz7BSLXdgY9f189tuLNbgxnun",
            4233, Optional.of(COMMUNITY));

    @Test
    void aMessageWithOneLinkPerBackendRoundTrips() throws Exception {
        FileMessage m = new FileMessage("photo.jpg", List.of(BT, CODEX));
        assertEquals(m, FileMessage.decode(m.encode()));
    }

    @Test
    void aNameCannotBreakTheLines() throws Exception {
        FileMessage m = new FileMessage("two\nlines.txt", List.of(BT));
        assertEquals("two lines.txt", FileMessage.decode(m.encode()).filename());
    }

    @Test
    void malformedMessagesAreTypedRejections() {
        assertThrows(InvalidArchiveException.class, () -> FileMessage.decode("hello".getBytes(StandardCharsets.UTF_8)));
        assertThrows(InvalidArchiveException.class, () -> FileMessage.decode((FileMessage.HEADER + "\nname")
                .getBytes(StandardCharsets.UTF_8)));
        assertThrows(InvalidArchiveException.class, () -> FileMessage.decode((FileMessage.HEADER + "\nname\nnot a link")
                .getBytes(StandardCharsets.UTF_8)));
        String nine = FileMessage.HEADER + "\nname" + ("\n" + BT.encode()).repeat(FileMessage.MAX_LINKS + 1);
        assertThrows(InvalidArchiveException.class, () -> FileMessage.decode(nine.getBytes(StandardCharsets.UTF_8)));
        byte[] huge = new byte[FileMessage.MAX_BYTES + 1];
        assertThrows(InvalidArchiveException.class, () -> FileMessage.decode(huge));
        assertThrows(IllegalArgumentException.class, () -> new FileMessage("x", Collections.emptyList()));
    }
}

package org.archivist.host.reference.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.archivist.api.InvalidArchiveException;
import org.archivist.api.content.FileLink;
import org.archivist.api.content.InvalidLinkException;

/**
 * The reference host's chat message carrying a file: the file's name and its links, one per storage type it was
 * published on (a receiver fetches the first whose type it runs, as a member follows either archive link in the
 * migration window). UTF-8 lines: {@value #HEADER}, the name, then each {@link FileLink#encode()}. Travels as an
 * application message of type {@value #TYPE}, signed like announcements.
 */
public record FileMessage(String filename, List<FileLink> links) {
    /** Archivist's own application message type for the reference host's file messages (next to 4301, 4302). */
    public static final int TYPE = 4303;
    static final String HEADER = "archivist-file-message/1";
    /** The most links and the longest message accepted (a hostile sender cannot make a receiver allocate more). */
    static final int MAX_LINKS = 8;
    static final int MAX_BYTES = 16 * 1024;

    public FileMessage {
        Objects.requireNonNull(filename, "filename");
        links = List.copyOf(links);
        if (links.isEmpty() || links.size() > MAX_LINKS) {
            throw new IllegalArgumentException("a file message carries 1 to " + MAX_LINKS + " links, not "
                    + links.size());
        }
        filename = filename.replace('\n', ' ').replace('\r', ' ');
    }

    public byte[] encode() {
        StringBuilder b = new StringBuilder(HEADER).append('\n').append(filename);
        for (FileLink l : links) {
            b.append('\n').append(l.encode());
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static FileMessage decode(byte[] payload) throws InvalidArchiveException {
        if (payload.length > MAX_BYTES) {
            throw new InvalidArchiveException("a file message of " + payload.length + " bytes is longer than the "
                    + MAX_BYTES + " accepted");
        }
        String[] lines = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
        if (lines.length < 3 || !lines[0].equals(HEADER)) {
            throw new InvalidArchiveException("not a file message (" + HEADER + ", a name, links)");
        }
        if (lines.length - 2 > MAX_LINKS) {
            throw new InvalidArchiveException("a file message carries at most " + MAX_LINKS + " links, not "
                    + (lines.length - 2));
        }
        List<FileLink> links = new ArrayList<>();
        for (int i = 2; i < lines.length; i++) {
            try {
                links.add(FileLink.parse(lines[i]));
            } catch (InvalidLinkException e) {
                throw new InvalidArchiveException("a file message with a bad link: " + e.getMessage(), e);
            }
        }
        return new FileMessage(lines[1], links);
    }
}

package org.archivist.core.jsonl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Lines of a text file, each at most a given number of bytes and strictly UTF-8 without control
 * characters other than tab (a binary line is an error, not mojibake); counts the lines it returned.
 */
final class BoundedLines {
    private final InputStream in;
    private final int maxBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int number;

    BoundedLines(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The number of the line returned last (1-based). */
    int number() {
        return number;
    }

    /** The next line without its terminator, or null at the end. */
    String next() throws IOException {
        line.reset();
        int b;
        boolean any = false;
        while ((b = in.read()) >= 0) {
            any = true;
            if (b == '\n') {
                break;
            }
            if (line.size() >= maxBytes) {
                throw new IOException("line longer than " + maxBytes + " bytes");
            }
            line.write(b);
        }
        if (!any) {
            return null;
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException("not UTF-8 text (a binary line)");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t') {
                throw new IOException("control character 0x" + Integer.toHexString(c) + " at column " + (i + 1)
                        + " (a binary line)");
            }
        }
        number++;
        return text;
    }
}

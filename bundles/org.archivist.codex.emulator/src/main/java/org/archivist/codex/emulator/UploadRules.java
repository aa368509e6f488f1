package org.archivist.codex.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The node's checks of an upload's headers: the Content-Type must be one of the MIME types of Nim's
 * {@code std/mimetypes} table (compared lowercased, parameters not allowed); the filename is what follows
 * {@code filename="} minus its last character, and must pass Nim's {@code os.isValidFilename}.
 */
final class UploadRules {
    private static final Set<String> MIME_TYPES = load();
    private static final String INVALID_CHARS = "/\\:*?\"<>|^\0";
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL", "COM0", "COM1", "COM2", "COM3",
            "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6",
            "LPT7", "LPT8", "LPT9");

    private UploadRules() {
    }

    private static Set<String> load() {
        try (InputStream in = UploadRules.class.getResourceAsStream("nim-mimetypes.txt")) {
            if (in == null) {
                throw new IllegalStateException("nim-mimetypes.txt missing from the emulator");
            }
            Set<String> out = new HashSet<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(l -> !l.isBlank()).forEach(out::add);
            return Set.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean validMimeType(String value) {
        return MIME_TYPES.contains(value.toLowerCase(Locale.ROOT));
    }

    /** The filename the node would take from a Content-Disposition value, if it finds one. */
    static Optional<String> filename(String contentDisposition) {
        if (contentDisposition == null) {
            return Optional.empty();
        }
        int at = contentDisposition.indexOf("filename=\"");
        if (at < 0) {
            return Optional.empty();
        }
        String rest = contentDisposition.substring(at + "filename=\"".length()).strip();
        return Optional.of(rest.isEmpty() ? "" : rest.substring(0, rest.length() - 1));
    }

    static boolean validFilename(String name) {
        if (name.isEmpty() || name.length() > 259) {
            return false;
        }
        if (name.charAt(0) == ' ' || name.endsWith(" ") || name.endsWith(".")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (INVALID_CHARS.indexOf(name.charAt(i)) >= 0) {
                return false;
            }
        }
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return !RESERVED.contains(stem.toUpperCase(Locale.ROOT));
    }
}

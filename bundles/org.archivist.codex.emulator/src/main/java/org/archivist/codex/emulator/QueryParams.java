package org.archivist.codex.emulator;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The current line's query parameters, parsed as the node parses them; a bad value is a {@link Bad} (400). */
final class QueryParams {
    static final String BAD_BLOCK_SIZE = "Invalid blockSize parameter";
    static final String BLOCK_SIZE_RANGE = "blockSize must be a power of two between 4096 and 524288 bytes";
    static final String BAD_TRANSPORT = "transport must be 'direct' or 'mix'";

    /** A parameter the node answers 400 for, with its message. */
    static final class Bad extends Exception {
        private static final long serialVersionUID = 1L;

        Bad(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<String, List<String>> query;

    QueryParams(Map<String, List<String>> query) {
        this.query = query;
    }

    private Optional<String> first(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** {@code blockSize}: decimal, a power of two from 4 KiB to 512 KiB; empty when absent. */
    OptionalInt blockSize() throws Bad {
        Optional<String> raw = first("blockSize");
        if (raw.isEmpty()) {
            return OptionalInt.empty();
        }
        long v;
        try {
            if (!raw.get().matches("[0-9]{1,18}")) {
                throw new NumberFormatException();
            }
            v = Long.parseLong(raw.get());
        } catch (NumberFormatException e) {
            throw new Bad(BAD_BLOCK_SIZE);
        }
        if (v < 4096 || v > 524288 || Long.bitCount(v) != 1) {
            throw new Bad(BLOCK_SIZE_RANGE);
        }
        return OptionalInt.of((int) v);
    }

    /** A boolean as the node reads it: y|yes|true|1|on or n|no|false|0|off, any case. */
    Optional<Boolean> bool(String name) throws Bad {
        Optional<String> raw = first(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "y", "yes", "true", "1", "on" -> Optional.of(true);
            case "n", "no", "false", "0", "off" -> Optional.of(false);
            default -> throw new Bad("Invalid " + name + " value: " + raw.get());
        };
    }

    /** {@code transport}: direct (default) or mix. */
    String transport() throws Bad {
        String t = first("transport").orElse("direct");
        if (!t.equals("direct") && !t.equals("mix")) {
            throw new Bad(BAD_TRANSPORT);
        }
        return t;
    }
}

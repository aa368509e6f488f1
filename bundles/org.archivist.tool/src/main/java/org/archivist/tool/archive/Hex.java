package org.archivist.tool.archive;

import java.util.HexFormat;

/** Hex strings of the command line and the JSONL files, with or without {@code 0x}. */
final class Hex {
    private Hex() {
    }

    static byte[] parse(String what, String hex) {
        String h = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        try {
            return HexFormat.of().parseHex(h);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not hex: '" + abbreviate(hex) + "'");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}

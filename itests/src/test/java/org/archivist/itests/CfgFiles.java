package org.archivist.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes keys into a Karaf {@code .cfg} file, replacing the lines of keys already there and keeping the rest. */
final class CfgFiles {
    private CfgFiles() {
    }

    static void merge(Path file, Map<String, String> values) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : new ArrayList<>();
        Map<String, String> pending = new LinkedHashMap<>(values);
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String t = line.trim();
            int eq = t.indexOf('=');
            String key = eq < 0 || t.startsWith("#") ? null : t.substring(0, eq).trim();
            if (key != null && pending.containsKey(key)) {
                out.add(key + " = " + pending.remove(key));
            } else {
                out.add(line);
            }
        }
        pending.forEach((k, v) -> out.add(k + " = " + v));
        Files.createDirectories(file.getParent());
        Files.write(file, out, StandardCharsets.UTF_8);
    }
}

package org.archivist.tool.bittorrent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.archivist.tool.UsageException;

/** Command-line options: positional arguments, {@code --name value} (repeatable) and {@code --flag} switches. */
final class Options {
    final List<String> positional = new ArrayList<>();
    private final Map<String, List<String>> values = new HashMap<>();
    private final Set<String> flagsSeen = new java.util.HashSet<>();

    static Options parse(List<String> args, Set<String> valued, Set<String> flags) throws UsageException {
        Options o = new Options();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (valued.contains(a)) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(a + " needs a value");
                }
                o.values.computeIfAbsent(a, k -> new ArrayList<>()).add(args.get(++i));
            } else if (flags.contains(a)) {
                o.flagsSeen.add(a);
            } else if (a.startsWith("--")) {
                throw new UsageException("unknown option " + a);
            } else {
                o.positional.add(a);
            }
        }
        return o;
    }

    String value(String name, String fallback) {
        List<String> v = values.get(name);
        return v == null ? fallback : v.get(v.size() - 1);
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    boolean flag(String name) {
        return flagsSeen.contains(name);
    }

    int intValue(String name, int fallback) throws UsageException {
        String v = value(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a number, got '" + v + "'");
        }
    }
}

package org.archivist.tool.archive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.archivist.tool.UsageException;

/** {@code --name value} options and positional arguments of one command, checked against what it knows. */
final class Flags {
    private final Map<String, String> values = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Flags() {
    }

    /** Parses {@code args}; {@code known} are the option names without {@code --}. */
    static Flags parse(List<String> args, Set<String> known) throws UsageException {
        return parse(args, known, Set.of());
    }

    /** Parses {@code args}; {@code switches} are options without a value. */
    static Flags parse(List<String> args, Set<String> known, Set<String> switches) throws UsageException {
        Flags flags = new Flags();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                flags.positional.add(a);
                continue;
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (switches.contains(name) && value == null) {
                flags.values.put(name, "true");
                continue;
            }
            if (!known.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("--" + name + " needs a value");
                }
                value = args.get(++i);
            }
            if (flags.values.put(name, value) != null) {
                throw new UsageException("--" + name + " given twice");
            }
        }
        return flags;
    }

    String required(String name) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            throw new UsageException("--" + name + " is required");
        }
        return v;
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name));
    }

    long requiredLong(String name) throws UsageException {
        return toLong(name, required(name));
    }

    long longOr(String name, long fallback) throws UsageException {
        String v = values.get(name);
        return v == null ? fallback : toLong(name, v);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    List<String> positional() {
        return positional;
    }

    private static long toLong(String name, String v) throws UsageException {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, got '" + v + "'");
        }
    }
}

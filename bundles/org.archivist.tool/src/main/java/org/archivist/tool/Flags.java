package org.archivist.tool;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.archivist.tool.UsageException;

/**
 * {@code --name value} options, {@code --switch}es and positional arguments of one command, checked against
 * what it knows; the one parser of every subcommand.
 */
public final class Flags {
    private final Map<String, List<String>> values = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Flags() {
    }

    /** Parses {@code args}; {@code known} are the option names without {@code --}. */
    public static Flags parse(List<String> args, Set<String> known) throws UsageException {
        return parse(args, known, Set.of());
    }

    /** Parses {@code args}; {@code switches} are options without a value. */
    public static Flags parse(List<String> args, Set<String> known, Set<String> switches) throws UsageException {
        return parse(args, known, switches, Set.of());
    }

    /** Parses {@code args}; options named in {@code repeatable} may be given more than once. */
    public static Flags parse(List<String> args, Set<String> known, Set<String> switches, Set<String> repeatable)
            throws UsageException {
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
                flags.values.put(name, List.of("true"));
                continue;
            }
            if (!known.contains(name) && !repeatable.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("--" + name + " needs a value");
                }
                value = args.get(++i);
            }
            List<String> given = flags.values.computeIfAbsent(name, n -> new ArrayList<>());
            if (!given.isEmpty() && !repeatable.contains(name)) {
                throw new UsageException("--" + name + " given twice");
            }
            given.add(value);
        }
        return flags;
    }

    public String required(String name) throws UsageException {
        String v = optional(name).orElse(null);
        if (v == null) {
            throw new UsageException("--" + name + " is required");
        }
        return v;
    }

    public Optional<String> optional(String name) {
        List<String> given = values.get(name);
        return given == null ? Optional.empty() : Optional.of(given.get(0));
    }

    /** Every value of a repeatable option, in the order given. */
    public List<String> all(String name) {
        return List.copyOf(values.getOrDefault(name, List.of()));
    }

    public long requiredLong(String name) throws UsageException {
        return toLong(name, required(name));
    }

    public long longOr(String name, long fallback) throws UsageException {
        Optional<String> v = optional(name);
        return v.isEmpty() ? fallback : toLong(name, v.get());
    }

    /** A value that must be above zero (a timeout, a size, a length), or {@code fallback}. */
    public long positiveLong(String name, long fallback) throws UsageException {
        long v = longOr(name, fallback);
        if (v <= 0) {
            throw new UsageException("--" + name + " must be a positive whole number, got " + v);
        }
        return v;
    }

    /** A value in {@code [min, max]}, or {@code fallback}. */
    public int intIn(String name, int fallback, int min, int max) throws UsageException {
        long v = longOr(name, fallback);
        if (v < min || v > max) {
            throw new UsageException("--" + name + " must be between " + min + " and " + max + ", got " + v);
        }
        return (int) v;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public List<String> positional() {
        return positional;
    }

    /** Every number an option takes is a count, size, time or port: never negative. */
    private static long toLong(String name, String v) throws UsageException {
        long parsed;
        try {
            parsed = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, got '" + printable(v) + "'");
        }
        if (parsed < 0) {
            throw new UsageException("--" + name + " must not be negative, got " + parsed);
        }
        return parsed;
    }

    private static String printable(String v) {
        String s = v.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}

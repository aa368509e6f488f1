package org.archivist.migration.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.archivist.api.ArchiveLocation;
import org.archivist.core.io.AtomicFiles;
import org.archivist.migration.MigrationException;

/**
 * The per-community migration journal: {@code <dir>/journal} (one line per fact, replaced atomically after
 * every step) and {@code <dir>/index} (the target index bytes as built, sealed if the set is encrypted, kept
 * so that a rerun commits the very same bytes and so gets the same link). A crash leaves either the previous
 * or the next journal, never a mix.
 *
 * <pre>
 * archivist-migration-journal 1
 * pair &lt;source&gt; &lt;target&gt;
 * archive &lt;sha256&gt; &lt;length&gt; &lt;sourceId&gt; &lt;location&gt; stored|verified
 * index &lt;sha256 of the index file&gt;
 * link &lt;link&gt;
 * </pre>
 */
final class MigrationJournal {
    private static final String MAGIC = "archivist-migration-journal 1";
    static final String JOURNAL = "journal";
    static final String INDEX = "index";

    private final Path dir;
    private final String source;
    private final String target;
    private final Map<String, JournalRecord> records = new LinkedHashMap<>();
    private Optional<String> indexSha = Optional.empty();
    private Optional<String> link = Optional.empty();

    private MigrationJournal(Path dir, String source, String target) {
        this.dir = dir;
        this.source = source;
        this.target = target;
    }

    /** Reads the journal of a previous run, or starts an empty one; a journal of another pair is refused. */
    static MigrationJournal open(Path dir, String source, String target) throws MigrationException {
        MigrationJournal j = new MigrationJournal(dir, source, target);
        String text;
        try {
            text = Files.readString(dir.resolve(JOURNAL), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return j;
        } catch (IOException e) {
            throw new MigrationException("cannot read the migration journal in " + dir + ": " + e, true, e);
        }
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].equals(MAGIC)) {
            throw corrupt(dir, 1, "not a migration journal");
        }
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(" ");
            try {
                switch (f[0]) {
                    case "pair" -> {
                        if (f.length != 3) {
                            throw corrupt(dir, i + 1, "bad pair line");
                        }
                        if (!f[1].equals(source) || !f[2].equals(target)) {
                            throw new MigrationException("the journal in " + dir + " is of a migration " + f[1] + " -> "
                                    + f[2] + ", not " + source + " -> " + target + "; move it away to start over", false);
                        }
                    }
                    case "archive" -> {
                        if (f.length != 6 || !(f[5].equals("stored") || f[5].equals("verified"))) {
                            throw corrupt(dir, i + 1, "bad archive line");
                        }
                        JournalRecord r = new JournalRecord(f[1], Long.parseLong(f[2]), f[3], Locations.parse(f[4]),
                                f[5].equals("verified"));
                        j.records.put(r.sha256(), r);
                    }
                    case "index" -> j.indexSha = Optional.of(f[1]);
                    case "link" -> j.link = Optional.of(f[1]);
                    default -> throw corrupt(dir, i + 1, "unknown line '" + f[0] + "'");
                }
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                throw corrupt(dir, i + 1, e.getMessage());
            }
        }
        return j;
    }

    private static MigrationException corrupt(Path dir, int line, String why) {
        return new MigrationException("the migration journal " + dir.resolve(JOURNAL) + " is corrupt at line " + line
                + ": " + why, false);
    }

    Optional<JournalRecord> record(String sha256) {
        return Optional.ofNullable(records.get(sha256));
    }

    Map<String, JournalRecord> records() {
        return Map.copyOf(records);
    }

    Optional<String> link() {
        return link;
    }

    /** The index bytes kept by an earlier run, if their hash is the journaled one. */
    Optional<byte[]> index() throws MigrationException {
        if (indexSha.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(dir.resolve(INDEX));
            return Sha256.hex(bytes).equals(indexSha.get()) ? Optional.of(bytes) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new MigrationException("cannot read the journaled index in " + dir + ": " + e, true, e);
        }
    }

    void put(JournalRecord r) throws MigrationException {
        records.put(r.sha256(), r);
        save();
    }

    /** Keeps the index bytes (file first, then the journal line naming them), forgetting an older link. */
    void index(byte[] bytes) throws MigrationException {
        try {
            AtomicFiles.write(dir.resolve(INDEX), bytes);
        } catch (IOException e) {
            throw new MigrationException("cannot write the index to the journal in " + dir + ": " + e, true, e);
        }
        indexSha = Optional.of(Sha256.hex(bytes));
        link = Optional.empty();
        save();
    }

    void link(String committed) throws MigrationException {
        link = Optional.of(committed);
        save();
    }

    private void save() throws MigrationException {
        StringBuilder b = new StringBuilder(MAGIC).append('\n');
        b.append("pair ").append(source).append(' ').append(target).append('\n');
        for (JournalRecord r : records.values()) {
            b.append("archive ").append(r.sha256()).append(' ').append(r.length()).append(' ').append(r.sourceId())
                    .append(' ').append(Locations.format(r.location())).append(' ')
                    .append(r.verified() ? "verified" : "stored").append('\n');
        }
        indexSha.ifPresent(s -> b.append("index ").append(s).append('\n'));
        link.ifPresent(l -> b.append("link ").append(l).append('\n'));
        try {
            AtomicFiles.createPrivateDirectories(dir);
            AtomicFiles.write(dir.resolve(JOURNAL), b.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MigrationException("cannot write the migration journal in " + dir + ": " + e, true, e);
        }
    }
}

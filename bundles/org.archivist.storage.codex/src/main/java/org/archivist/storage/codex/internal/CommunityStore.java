package org.archivist.storage.codex.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import org.archivist.api.CommunityId;
import org.archivist.core.io.AtomicFiles;
import org.archivist.storage.codex.cid.CodexLine;
import org.archivist.storage.codex.cid.ContentKey;

/**
 * Per-community files under the state directory: {@code <community>/state.properties} (the commit point,
 * replaced atomically), {@code index-<treeCid>-<blockSize>} (the committed index bytes) and
 * {@code blobs/<treeCid>-<blockSize>} (a local copy of every archive blob, to re-upload when the node lost it).
 * Everything is named by content, so a node upgrade that changes every manifest CID renames nothing. State
 * files of the first format (keyed on manifest CIDs) are converted on load ({@link LegacyState}).
 */
final class CommunityStore {
    static final String STATE = "state.properties";
    private static final String FORMAT = "2";
    private final Path root;

    CommunityStore(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    Path dir(CommunityId community) throws IOException {
        return Files.createDirectories(root.resolve(community.hex()));
    }

    Path blob(CommunityId community, ContentKey key) throws IOException {
        return Files.createDirectories(dir(community).resolve("blobs")).resolve(fileName(key));
    }

    Path indexFile(CommunityId community, ContentKey key) throws IOException {
        return dir(community).resolve("index-" + fileName(key));
    }

    static String fileName(ContentKey key) {
        return key.treeCid() + "-" + key.blockSize();
    }

    Path scratch(CommunityId community) throws IOException {
        return Files.createDirectories(dir(community).resolve("tmp"));
    }

    /** The saved state; empty (on {@code line}) when none. A first-format file is converted and saved first. */
    CommunityState load(CommunityId community, CodexLine line) throws IOException {
        Path file = root.resolve(community.hex()).resolve(STATE);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return CommunityState.empty(line);
        }
        Properties p = new Properties();
        p.load(new StringReader(text));
        if (!FORMAT.equals(p.getProperty("format"))) {
            return new LegacyState(this, community).convert(p, line);
        }
        String index = p.getProperty("index", "");
        String archives = p.getProperty("archives", "");
        List<Dataset> list = new ArrayList<>();
        for (String a : archives.isEmpty() ? List.<String>of() : Arrays.asList(archives.split(","))) {
            list.add(Dataset.decode(a));
        }
        return new CommunityState(CodexLine.valueOf(p.getProperty("line")),
                index.isEmpty() ? Optional.empty() : Optional.of(Dataset.decode(index)), list,
                Boolean.parseBoolean(p.getProperty("seeded", "false")),
                Long.parseLong(p.getProperty("refreshed.at", "0")));
    }

    /** Replaces the state in one atomic rename: the commit point of a publish. */
    void save(CommunityId community, CommunityState state) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("line", state.line().name());
        p.setProperty("index", state.index().map(Dataset::encode).orElse(""));
        p.setProperty("archives", String.join(",", state.archives().stream().map(Dataset::encode).toList()));
        p.setProperty("seeded", Boolean.toString(state.seeded()));
        p.setProperty("refreshed.at", Long.toString(state.refreshedAtMillis()));
        StringWriter out = new StringWriter();
        p.store(out, "Codex backend state of " + community.hex());
        AtomicFiles.write(dir(community).resolve(STATE), out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Deletes what interrupted sessions and downloads left in the scratch directories (call before any runs). */
    void cleanScratch() throws IOException {
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path scratch : dirs.map(d -> d.resolve("tmp")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> walk = Files.walk(scratch)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(scratch))
                            .forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** Every community with state here. */
    List<CommunityId> communities() throws IOException {
        List<CommunityId> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                if (Files.exists(d.resolve(STATE))) {
                    try {
                        out.add(CommunityId.of(d.getFileName().toString()));
                    } catch (IllegalArgumentException e) {
                        // not ours
                    }
                }
            }
        }
        return out;
    }
}

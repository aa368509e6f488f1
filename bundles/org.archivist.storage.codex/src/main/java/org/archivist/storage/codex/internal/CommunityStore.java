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

/**
 * Per-community files under the state directory: {@code <community>/state.properties} (the commit point,
 * replaced atomically), {@code index-<cid>} (the committed index bytes) and {@code blobs/<cid>} (a local copy
 * of every archive blob, to re-upload when the node lost it).
 */
final class CommunityStore {
    private static final String STATE = "state.properties";
    private final Path root;

    CommunityStore(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    Path dir(CommunityId community) throws IOException {
        return Files.createDirectories(root.resolve(community.hex()));
    }

    Path blob(CommunityId community, String cid) throws IOException {
        return Files.createDirectories(dir(community).resolve("blobs")).resolve(cid);
    }

    Path indexFile(CommunityId community, String cid) throws IOException {
        return dir(community).resolve("index-" + cid);
    }

    Path scratch(CommunityId community) throws IOException {
        return Files.createDirectories(dir(community).resolve("tmp"));
    }

    CommunityState load(CommunityId community) throws IOException {
        Path file = root.resolve(community.hex()).resolve(STATE);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return CommunityState.EMPTY;
        }
        Properties p = new Properties();
        p.load(new StringReader(text));
        String index = p.getProperty("index.cid", "");
        String archives = p.getProperty("archive.cids", "");
        return new CommunityState(index.isEmpty() ? Optional.empty() : Optional.of(index),
                archives.isEmpty() ? List.of() : Arrays.asList(archives.split(",")),
                Boolean.parseBoolean(p.getProperty("seeded", "false")),
                Long.parseLong(p.getProperty("refreshed.at", "0")));
    }

    /** Replaces the state in one atomic rename: the commit point of a publish. */
    void save(CommunityId community, CommunityState state) throws IOException {
        Properties p = new Properties();
        p.setProperty("index.cid", state.indexCid().orElse(""));
        p.setProperty("archive.cids", String.join(",", state.archiveCids()));
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

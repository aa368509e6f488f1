package org.archivist.storage.codex.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.archivist.api.CommunityId;
import org.archivist.storage.codex.cid.CodexLine;
import org.archivist.storage.codex.cid.ContentKey;
import org.archivist.storage.codex.cid.DatasetTree;
import org.archivist.storage.codex.client.CodexClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts a state file of the first format ({@code index.cid}, {@code archive.cids}, local copies named
 * {@code index-<cid>} and {@code blobs/<cid>}) to the content-keyed one. Each local copy is hashed to find its
 * content key and the line its manifest CID was made on; copies are linked under their content names, then
 * the new state is saved (the commit point), then the old names are removed. A crash anywhere leaves either
 * the old state with its files, or the new one (with, at worst, old names left over).
 */
final class LegacyState {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyState.class);

    private final CommunityStore store;
    private final CommunityId community;

    LegacyState(CommunityStore store, CommunityId community) {
        this.store = store;
        this.community = community;
    }

    CommunityState convert(Properties p, CodexLine fallbackLine) throws IOException {
        String indexCid = p.getProperty("index.cid", "");
        String archives = p.getProperty("archive.cids", "");
        List<Path> old = new ArrayList<>();
        CodexLine[] line = {null};
        Optional<Dataset> index = Optional.empty();
        if (!indexCid.isEmpty()) {
            Path file = store.dir(community).resolve("index-" + indexCid);
            index = Optional.of(dataset(file, BlobNames.INDEX, indexCid, line));
            link(file, store.indexFile(community, index.get().key()));
            old.add(file);
        }
        List<Dataset> list = new ArrayList<>();
        for (String cid : archives.isEmpty() ? List.<String>of() : Arrays.asList(archives.split(","))) {
            Path file = store.dir(community).resolve("blobs").resolve(cid);
            Dataset d = dataset(file, BlobNames.archive(file), cid, line);
            link(file, store.blob(community, d.key()));
            old.add(file);
            list.add(d);
        }
        CommunityState state = new CommunityState(line[0] == null ? fallbackLine : line[0], index, list,
                Boolean.parseBoolean(p.getProperty("seeded", "false")),
                Long.parseLong(p.getProperty("refreshed.at", "0")));
        store.save(community, state);
        for (Path f : old) {
            Files.deleteIfExists(f);
        }
        LOG.info("{}: Codex state converted to content keys ({} archives, node line {})", community, list.size(),
                state.line());
        return state;
    }

    private Dataset dataset(Path file, String name, String cid, CodexLine[] line) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("the local copy of " + cid + " is missing (" + file + "); the state of "
                    + community + " cannot be converted");
        }
        DatasetTree tree = org.archivist.storage.codex.cid.CodexContentIds.tree(file);
        for (CodexLine l : CodexLine.values()) {
            if (tree.manifest(name, CodexClient.OCTET_STREAM).cid(l).toString().equals(cid)) {
                if (line[0] != null && line[0] != l) {
                    throw new IOException("the state of " + community + " mixes manifest CIDs of two node lines");
                }
                line[0] = l;
                return new Dataset(ContentKey.of(tree), name, cid);
            }
        }
        throw new IOException("the local copy " + file + " does not give the CID " + cid + " on any node line");
    }

    private static void link(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
        } catch (FileAlreadyExistsException e) {
            // converted before a crash
        } catch (UnsupportedOperationException | IOException e) {
            if (!Files.exists(to)) {
                Files.copy(from, to);
            }
        }
    }
}

package org.archivist.storage.codex.internal;

import java.util.Objects;

import org.archivist.storage.codex.cid.ContentKey;

/**
 * One dataset the backend keeps on the node: its content key (what survives a node upgrade), the filename it
 * is uploaded under (part of the manifest), and its manifest CID on the node line the state was written for.
 */
record Dataset(ContentKey key, String name, String cid) {
    Dataset {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cid, "cid");
        if (name.contains(";") || name.contains(",")) {
            throw new IllegalArgumentException("a dataset name cannot hold ';' or ',': " + name);
        }
    }

    /** The {@code key;name;cid} form of the state file. */
    String encode() {
        return key + ";" + name + ";" + cid;
    }

    static Dataset decode(String text) {
        String[] parts = text.split(";", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a dataset is key;name;cid, not " + text);
        }
        return new Dataset(ContentKey.parse(parts[0]), parts[1], parts[2]);
    }

    Dataset withCid(String other) {
        return new Dataset(key, name, other);
    }
}

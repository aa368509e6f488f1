package org.archivist.storage.codex.cid;

import java.util.Map;
import java.util.Optional;

/** The multicodec codes a Codex node uses or accepts in a CID. */
public final class Multicodec {
    public static final int RAW = 0x55;
    public static final int DAG_PB = 0x70;
    public static final int DAG_CBOR = 0x71;
    public static final int LIBP2P_KEY = 0x72;
    public static final int SHA2_256 = 0x12;
    public static final int IDENTITY = 0x00;
    /** {@code codex-manifest} (Logos: {@code storage-manifest}). */
    public static final int CODEX_MANIFEST = 0xCD01;
    /** {@code codex-block}: one 64 KiB block of a dataset. */
    public static final int CODEX_BLOCK = 0xCD02;
    /** {@code codex-root}: the root of a dataset's Merkle tree. */
    public static final int CODEX_ROOT = 0xCD03;
    public static final int CODEX_SLOT_ROOT = 0xCD04;
    public static final int CODEX_SLOT_CELL = 0xCD05;
    public static final int CODEX_PROVING_ROOT = 0xCD06;

    private static final Map<Integer, String> CONTENT_CODECS = Map.of(
            RAW, "raw", DAG_PB, "dag-pb", DAG_CBOR, "dag-cbor", LIBP2P_KEY, "libp2p-key",
            CODEX_MANIFEST, "codex-manifest", CODEX_BLOCK, "codex-block", CODEX_ROOT, "codex-root",
            CODEX_SLOT_ROOT, "codex-slot-root", CODEX_SLOT_CELL, "codex-slot-cell",
            CODEX_PROVING_ROOT, "codex-proving-root");

    private Multicodec() {
    }

    /** The name of a content codec a node accepts in a CID, empty when it is not one. */
    public static Optional<String> contentCodecName(int code) {
        return Optional.ofNullable(CONTENT_CODECS.get(code));
    }
}

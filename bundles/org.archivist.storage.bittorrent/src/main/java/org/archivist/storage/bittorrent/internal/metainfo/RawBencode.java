package org.archivist.storage.bittorrent.internal.metainfo;

/** Bytes that are already bencoded and are written as they are (an info dict keeps its exact bytes). */
public record RawBencode(byte[] bytes) {
}

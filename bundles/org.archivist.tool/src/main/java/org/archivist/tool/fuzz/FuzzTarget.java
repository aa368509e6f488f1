package org.archivist.tool.fuzz;

import java.util.List;

/**
 * One decoder under fuzzing: valid seed inputs to mutate, the decoder itself, and which failures are its
 * typed, documented rejections (anything else it throws is a finding).
 */
public interface FuzzTarget {
    String name();

    /** Valid encodings the mutations start from. */
    List<byte[]> seeds() throws Exception;

    /** Decodes {@code input}; returning normally means it was accepted. */
    void decode(byte[] input) throws Exception;

    /** Whether {@code failure} is one of the decoder's typed rejections. */
    boolean typed(Throwable failure);
}

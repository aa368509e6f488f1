package org.archivist.storage.codex.client;

/**
 * Downloaded bytes are not what was asked for: fewer than the promised Content-Length (a truncated body), or
 * content whose recomputed manifest CID differs from the requested one. Nothing was written to the target.
 */
public class CodexIntegrityException extends CodexException {
    private static final long serialVersionUID = 1L;

    public CodexIntegrityException(String message, Throwable cause) {
        super(message, -1, true, cause);
    }
}

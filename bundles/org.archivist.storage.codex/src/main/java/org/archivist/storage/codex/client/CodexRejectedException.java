package org.archivist.storage.codex.client;

/** The node refused the request as malformed: a CID it cannot parse (400), a MIME type or filename (422). */
public class CodexRejectedException extends CodexException {
    private static final long serialVersionUID = 1L;

    public CodexRejectedException(String message, int status) {
        super(message, status, false, null);
    }
}

package org.archivist.storage.codex.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CancellationException;

import org.archivist.api.content.CancelSignal;
import org.archivist.api.content.TransferProgress;

/** Counts the bytes read for a progress listener and stops the read (hence the upload) once cancelled. */
final class ProgressInputStream extends FilterInputStream {
    private final long total;
    private final TransferProgress progress;
    private final CancelSignal cancel;
    private long done;

    ProgressInputStream(InputStream in, long total, TransferProgress progress, CancelSignal cancel) {
        super(in);
        this.total = total;
        this.progress = progress;
        this.cancel = cancel;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (cancel.isCancelled()) {
            throw new CancellationException("upload cancelled");
        }
        int n = super.read(b, off, len);
        if (n > 0) {
            done += n;
            progress.bytes(done, total);
        }
        return n;
    }
}

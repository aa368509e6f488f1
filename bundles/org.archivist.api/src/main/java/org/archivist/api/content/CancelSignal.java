package org.archivist.api.content;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Tells a store that the caller gave up on a transfer. A store checks {@link #isCancelled()} between steps and
 * registers, for a blocking call, an action that aborts it; the call then throws
 * {@link java.util.concurrent.CancellationException}. Verified partial data stays for a resume.
 */
@ConsumerType
public interface CancelSignal {
    CancelSignal NEVER = new CancelSignal() {
        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public Registration onCancel(Runnable abort) {
            return () -> { };
        }
    };

    boolean isCancelled();

    /** Runs {@code abort} when cancelled (at once when already cancelled); close the registration when done. */
    Registration onCancel(Runnable abort);

    /** Removes an abort action registered with {@link #onCancel}. */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}

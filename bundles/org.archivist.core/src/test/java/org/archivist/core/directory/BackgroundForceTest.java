package org.archivist.core.directory;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/** The background force: await returns only after the force ran, a failed force fails every later call. */
class BackgroundForceTest {

    @Test
    void awaitWaitsForTheForceAndTheChannelIsClosedAfterIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FakeChannel ch = new FakeChannel(release, false);
        try (BackgroundForce forces = new BackgroundForce()) {
            forces.submit(ch);
            Thread.sleep(50);
            assertFalse(ch.forced.get(), "the force is held back by the test");
            release.countDown();
            forces.await();
            assertTrue(ch.forced.get());
            assertFalse(ch.isOpen());
        }
    }

    @Test
    void aFailedForceFailsTheNextSubmitAndEveryAwait() throws Exception {
        CountDownLatch open = new CountDownLatch(0);
        try (BackgroundForce forces = new BackgroundForce()) {
            forces.submit(new FakeChannel(open, true));
            FakeChannel next = new FakeChannel(open, false);
            assertThrows(IOException.class, () -> forces.submit(next));
            assertFalse(next.isOpen(), "a refused channel is closed");
            assertFalse(next.forced.get());
            assertThrows(IOException.class, forces::await);
            assertThrows(IOException.class, forces::await);
        }
    }

    /** A channel whose force waits for a latch, then succeeds or fails. */
    private static final class FakeChannel extends FileChannel {
        final AtomicBoolean forced = new AtomicBoolean();
        private final CountDownLatch release;
        private final boolean fail;

        FakeChannel(CountDownLatch release, boolean fail) {
            this.release = release;
            this.fail = fail;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            if (fail) {
                throw new IOException("simulated I/O error on fsync");
            }
            forced.set(true);
        }

        @Override
        protected void implCloseChannel() {
        }

        @Override
        public int read(ByteBuffer dst) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileChannel position(long newPosition) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long size() {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileChannel truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(ByteBuffer dst, long position) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int write(ByteBuffer src, long position) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }
    }
}

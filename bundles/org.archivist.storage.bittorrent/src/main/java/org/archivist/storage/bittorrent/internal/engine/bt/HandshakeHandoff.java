package org.archivist.storage.bittorrent.internal.engine.bt;

import java.nio.ByteBuffer;

import bt.net.buffer.BorrowedBuffer;
import bt.net.buffer.BufferMutator;
import bt.net.buffer.IBufferManager;
import bt.net.crypto.CipherBufferMutator;
import bt.net.pipeline.ChannelPipelineBuilder;
import bt.net.pipeline.IChannelPipelineFactory;
import bt.net.Peer;

/**
 * Hands what {@link IncomingHandshake} read over to bt's (plaintext) connection factory, on the thread that
 * creates the connection: the plaintext bytes already received are put into the connection's inbound buffer
 * when bt borrows it (bt's pipeline decodes what a buffer holds at once), and with RC4 chosen the pipeline
 * decrypts and encrypts with the handshake's cipher, skipping the bytes handed over (already plaintext).
 */
final class HandshakeHandoff {
    private final ThreadLocal<Pending> pending = new ThreadLocal<>();

    /** Runs {@code create} with the handshake's result handed to the buffers and pipeline it creates. */
    <T> T with(IncomingHandshake.Result result, java.util.function.Supplier<T> create) {
        pending.set(new Pending(result));
        try {
            return create.get();
        } finally {
            pending.remove();
        }
    }

    IBufferManager buffers(IBufferManager delegate) {
        return () -> {
            BorrowedBuffer<ByteBuffer> buffer = delegate.borrowByteBuffer();
            Pending p = pending.get();
            if (p != null && !p.bufferFilled) {
                p.bufferFilled = true; // bt borrows the inbound buffer first, then the outbound one
                ByteBuffer bytes = buffer.lockAndGet();
                try {
                    bytes.put(p.result.plaintext());
                } finally {
                    buffer.unlock();
                }
            }
            return buffer;
        };
    }

    IChannelPipelineFactory pipelines(IChannelPipelineFactory delegate) {
        return (Peer peer) -> {
            ChannelPipelineBuilder builder = delegate.buildPipeline(peer);
            Pending p = pending.get();
            if (p != null) {
                p.result.cipher().ifPresent(cipher -> builder
                        .decoders(new SkipPrefix(p.result.plaintext().length,
                                new CipherBufferMutator(cipher.getDecryptionCipher())))
                        .encoders(new CipherBufferMutator(cipher.getEncryptionCipher())));
            }
            return builder;
        };
    }

    private static final class Pending {
        final IncomingHandshake.Result result;
        boolean bufferFilled;

        Pending(IncomingHandshake.Result result) {
            this.result = result;
        }
    }

    /** Leaves the first {@code skip} bytes it sees as they are, then lets the delegate mutate the rest. */
    static final class SkipPrefix implements BufferMutator {
        private final BufferMutator delegate;
        private int skip;

        SkipPrefix(int skip, BufferMutator delegate) {
            this.skip = skip;
            this.delegate = delegate;
        }

        @Override
        public void mutate(ByteBuffer buffer) {
            int n = Math.min(skip, buffer.remaining());
            skip -= n;
            buffer.position(buffer.position() + n);
            if (buffer.hasRemaining()) {
                delegate.mutate(buffer);
            }
        }
    }
}

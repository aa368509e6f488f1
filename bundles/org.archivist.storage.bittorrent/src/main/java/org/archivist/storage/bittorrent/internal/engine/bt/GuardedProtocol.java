package org.archivist.storage.bittorrent.internal.engine.bt;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;

import bt.net.buffer.ByteBufferView;
import bt.protocol.DecodingContext;
import bt.protocol.EncodingContext;
import bt.protocol.Message;
import bt.protocol.Piece;
import bt.protocol.handler.MessageHandler;

/**
 * bt's wire protocol, plus the evidence for the {@link PeerGuard}: the SHA-1 of every block as decoded from a
 * connection, on bt's receiving thread, before bt puts it in its block registry (which is shared by all
 * connections, so what bt later writes for one peer's message may be another peer's bytes). Sits in every
 * connection, plaintext and encrypted alike (decryption happens before decoding).
 */
final class GuardedProtocol implements MessageHandler<Message> {
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    });
    private static final ThreadLocal<byte[]> COPY = ThreadLocal.withInitial(() -> new byte[16 * 1024]);

    private final MessageHandler<Message> protocol;
    private final PeerGuard guard;

    GuardedProtocol(MessageHandler<Message> protocol, PeerGuard guard) {
        this.protocol = protocol;
        this.guard = guard;
    }

    @Override
    public int decode(DecodingContext context, ByteBufferView buffer) {
        int start = buffer.position();
        int consumed = protocol.decode(context, buffer);
        if (consumed > 0 && context.getMessage() instanceof Piece piece && piece.getLength() <= consumed) {
            // the block is the message's tail: <len><id=7><index><begin><block>
            ByteBufferView block = buffer.duplicate();
            block.limit(start + consumed);
            block.position(start + consumed - piece.getLength());
            guard.received(context.getPeer(), piece.getPieceIndex(), piece.getOffset(), piece.getLength(),
                    sha1(block, piece.getLength()));
        }
        return consumed;
    }

    private static byte[] sha1(ByteBufferView block, int length) {
        byte[] copy = COPY.get();
        byte[] bytes = copy.length == length ? copy : new byte[length];
        block.get(bytes);
        return SHA1.get().digest(bytes);
    }

    @Override
    public boolean encode(EncodingContext context, Message message, ByteBuffer buffer) {
        return protocol.encode(context, message, buffer);
    }

    @Override
    public Collection<Class<? extends Message>> getSupportedTypes() {
        return protocol.getSupportedTypes();
    }

    @Override
    public Class<? extends Message> readMessageType(ByteBufferView buffer) {
        return protocol.readMessageType(buffer);
    }
}

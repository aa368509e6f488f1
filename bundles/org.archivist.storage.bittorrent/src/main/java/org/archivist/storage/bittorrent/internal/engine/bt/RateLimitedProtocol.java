package org.archivist.storage.bittorrent.internal.engine.bt;

import java.nio.ByteBuffer;
import java.util.Collection;

import bt.net.buffer.ByteBufferView;
import bt.protocol.DecodingContext;
import bt.protocol.EncodingContext;
import bt.protocol.Message;
import bt.protocol.handler.MessageHandler;

/**
 * bt's wire protocol with the node's rate limits: every message decoded from a peer takes its bytes from
 * the download bucket, every message encoded for a peer from the upload bucket, blocking bt's receiving or
 * sending thread as long as the rate demands (TCP then slows the other side down). bt 1.10 has no rate
 * limiter of its own; this sits in every connection, plaintext and encrypted alike.
 */
final class RateLimitedProtocol implements MessageHandler<Message> {
    private final MessageHandler<Message> protocol;
    private final TokenBucket download;
    private final TokenBucket upload;

    RateLimitedProtocol(MessageHandler<Message> protocol, TokenBucket download, TokenBucket upload) {
        this.protocol = protocol;
        this.download = download;
        this.upload = upload;
    }

    @Override
    public boolean encode(EncodingContext context, Message message, ByteBuffer buffer) {
        int before = buffer.position();
        boolean encoded = protocol.encode(context, message, buffer);
        if (encoded) {
            take(upload, buffer.position() - before);
        }
        return encoded;
    }

    @Override
    public int decode(DecodingContext context, ByteBufferView buffer) {
        int consumed = protocol.decode(context, buffer);
        if (consumed > 0 && context.getMessage() != null) {
            take(download, consumed);
        }
        return consumed;
    }

    private static void take(TokenBucket bucket, int bytes) {
        try {
            bucket.acquire(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // bt's thread is being stopped: let it see the interrupt
        }
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

package org.archivist.storage.bittorrent.internal.engine.bt;

import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.Selector;

import bt.net.SharedSelector;

/**
 * bt's connection selector without its registration spin. bt 1.10 registers each new connection from a
 * connection thread that loops on {@code tryLock} of a lock the receiving thread holds for the whole of every
 * {@code select}, waking it up and retrying until it wins the race; on this loaded 2-core machine that took from
 * half a second to over ten (seen: an incoming handshake that bt read 0.5, 1, 3.9 s after it arrived, then one
 * never, so the peer gave up; metadata fetches waited up to 30 s). Upstream fixed it after 1.10 ("fix deadlock
 * in single CPU systems", unreleased). Since JDK 11 a channel may be registered while a selection is in progress
 * (the key takes part in the next one), so this registers at once and wakes the receiving thread up.
 */
final class RegisteringSelector extends SharedSelector {
    private final Selector delegate;

    RegisteringSelector(Selector delegate) {
        super(delegate);
        this.delegate = delegate;
    }

    @Override
    public void wakeupAndRegister(SelectableChannel channel, int ops, Object attachment) {
        try {
            channel.register(delegate, ops, attachment);
        } catch (ClosedChannelException e) {
            throw new RuntimeException("Failed to register channel", e);
        }
        delegate.wakeup();
    }
}

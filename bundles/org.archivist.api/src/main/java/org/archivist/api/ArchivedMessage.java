package org.archivist.api;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One Waku message as a history archive carries it (status-go {@code WakuMessage}): the 65-byte
 * recovered signature key, the envelope time in <b>seconds</b>, the 4-byte topic, the Waku-decrypted
 * payload, the Waku padding, the 32-byte Waku hash, and the Discord import id when there is one
 * (empty otherwise). Byte arrays are never null; they are shared, not copied: do not modify them.
 */
public record ArchivedMessage(byte[] sig, long timestamp, ContentTopic topic, byte[] payload,
        byte[] padding, byte[] hash, String thirdPartyId) {

    private static final byte[] NONE = new byte[0];

    public ArchivedMessage {
        Objects.requireNonNull(topic, "topic");
        sig = sig == null ? NONE : sig;
        payload = payload == null ? NONE : payload;
        padding = padding == null ? NONE : padding;
        hash = hash == null ? NONE : hash;
        thirdPartyId = thirdPartyId == null ? "" : thirdPartyId;
        if (timestamp < 0) {
            throw new IllegalArgumentException("negative timestamp " + timestamp);
        }
    }

    /** The size status-go weighs against the 30 000 000-byte chunk limit: payload plus signature. */
    public long archiveWeight() {
        return (long) payload.length + sig.length;
    }

    /** The hash as lowercase hex, the message's identity. */
    public String hashHex() {
        return HexFormat.of().formatHex(hash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArchivedMessage m && timestamp == m.timestamp && topic.equals(m.topic)
                && Arrays.equals(sig, m.sig) && Arrays.equals(payload, m.payload)
                && Arrays.equals(padding, m.padding) && Arrays.equals(hash, m.hash)
                && thirdPartyId.equals(m.thirdPartyId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timestamp, topic, Arrays.hashCode(hash), Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "ArchivedMessage[hash=" + hashHex() + ", timestamp=" + timestamp + ", topic=" + topic
                + ", payload=" + payload.length + " bytes]";
    }
}

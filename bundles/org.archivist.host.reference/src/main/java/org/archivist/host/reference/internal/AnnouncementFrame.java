package org.archivist.host.reference.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.archivist.api.CommunityId;

/**
 * What travels between reference hosts: the chat an announcement was published on
 * ({@code <community id>-magnetlinks}, as in Status) and the signed {@code ApplicationMetadataMessage}.
 */
public record AnnouncementFrame(String chatId, byte[] message) {
    public static final String CHAT_SUFFIX = "-magnetlinks";
    static final int MAX_CHAT_ID = 512;
    static final int MAX_MESSAGE = 1024 * 1024;

    public static AnnouncementFrame forCommunity(CommunityId community, byte[] message) {
        return new AnnouncementFrame(community.hex() + CHAT_SUFFIX, message);
    }

    /** The community whose archive chat this frame came on, if the chat id is one. */
    public Optional<CommunityId> community() {
        if (!chatId.endsWith(CHAT_SUFFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(CommunityId.of(chatId.substring(0, chatId.length() - CHAT_SUFFIX.length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            byte[] chat = chatId.getBytes(StandardCharsets.UTF_8);
            out.writeShort(chat.length);
            out.write(chat);
            out.writeInt(message.length);
            out.write(message);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
    }

    public static AnnouncementFrame decode(byte[] frame) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(frame));
        int chatLength = in.readUnsignedShort();
        if (chatLength > MAX_CHAT_ID) {
            throw new IOException("announcement frame: chat id of " + chatLength + " bytes is too long");
        }
        String chat = new String(in.readNBytes(chatLength), StandardCharsets.UTF_8);
        int length = in.readInt();
        if (length < 0 || length > MAX_MESSAGE || length != in.available()) {
            throw new IOException("announcement frame: message length " + length + " does not match the frame");
        }
        return new AnnouncementFrame(chat, in.readNBytes(length));
    }
}

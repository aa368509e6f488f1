package org.archivist.host.reference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;

class InstallationIdsTest {

    @Test
    void generatedIdsAreUuidsThatNeverParseAsProtobuf() {
        for (int i = 0; i < 20_000; i++) {
            String id = InstallationIds.generate();
            assertEquals(id.substring(1), UUID.fromString(id).toString().substring(1));
            assertTrue(id.startsWith("f"));
            assertFalse(InstallationIds.readAsPlainArchive(id), id);
            assertEquals(id, InstallationIds.requireReadAsEncrypted(id));
        }
    }

    @Test
    void theToolsFormerIdAndTheEmptyIdAreRefusedWhereConfigured() {
        assertTrue(InstallationIds.readAsPlainArchive("archivist-tool"), "field 12 fixed64, field 5 fixed32");
        assertTrue(InstallationIds.readAsPlainArchive(""));
        assertTrue(InstallationIds.readAsPlainArchive(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HashRatchetCipher.withKey(new GroupKey(0, new byte[32]), "archivist-tool"));
        assertTrue(e.getMessage().contains("plain"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new HashRatchetCipher(new CommunityRegistry(), "", java.util.Optional.empty()));
        for (String ok : new String[] {"archivist-reference-host", "owner", "member-codex", "i", "x", "tool"}) {
            assertFalse(InstallationIds.readAsPlainArchive(ok), ok);
        }
    }

    @Test
    void wireCheckAgreesWithProtobufJavaOnShortSevenBitStrings() {
        Random random = new Random(13);
        int wellFormed = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] b = new byte[1 + random.nextInt(12)];
            for (int j = 0; j < b.length; j++) {
                b[j] = (byte) (i % 2 == 0 ? 0x20 + random.nextInt(0x5f) : random.nextInt(0x80));
            }
            boolean parsed = javaParses(b);
            // one-byte tags, lengths and varints: protobuf-java and protobuf-go agree on these
            assertEquals(parsed, ProtobufWire.wellFormed(b), () -> java.util.HexFormat.of().formatHex(b));
            wellFormed += parsed ? 1 : 0;
        }
        assertTrue(wellFormed > 1000, "both outcomes are exercised: " + wellFormed);
        assertTrue(ProtobufWire.wellFormed("archivist-tool".getBytes(StandardCharsets.UTF_8)));
        assertFalse(ProtobufWire.wellFormed(new byte[] {0x08, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
            (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x02}), "an 11th varint byte");
        assertFalse(ProtobufWire.wellFormed(new byte[] {0x0b, 0x14}), "group closed by another number");
        assertTrue(ProtobufWire.wellFormed(new byte[] {0x0b, 0x08, 0x01, 0x0c}), "group with a varint");
    }

    static boolean javaParses(byte[] b) {
        try {
            UnknownFieldSet.parseFrom(b);
            return true;
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }
}

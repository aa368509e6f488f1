package org.archivist.host.reference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.archivist.api.CommunityId;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.CommunityArchiveStatus;
import org.archivist.proto.CommunityRequestToJoinResponse;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;

class JoinResponsesTest {
    static final String MAGNET = "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567";
    final CommunityId id = TestCommunities.idOf(TestCommunities.newKey());
    final List<String> handedOver = new ArrayList<>();
    final JoinResponses responses = new JoinResponses(new RecordingService());

    /** status-go's whole response: the fields Archivist does not model (2, 4, 7, 8, 9) are skipped. */
    byte[] statusGoResponse(boolean accepted, CommunityId community, String magnet) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeUInt64(1, 1700000000000L);
        out.writeBytes(2, ByteString.copyFrom(new byte[] {0x0a, 0x01, 0x01})); // deprecated CommunityDescription
        out.writeBool(3, accepted);
        out.writeBytes(4, ByteString.copyFrom(new byte[] {9, 9, 9})); // grant
        out.writeBytes(5, ByteString.copyFrom(community.bytes()));
        if (!magnet.isEmpty()) {
            out.writeString(6, magnet);
        }
        out.writeBytes(7, ByteString.copyFrom(new byte[32])); // protected topic key
        out.writeBytes(9, ByteString.copyFrom(new byte[] {1, 2, 3})); // signed description
        out.flush();
        return bytes.toByteArray();
    }

    @Test
    void anAcceptedResponsesBareMagnetLinkIsHandedOver() throws Exception {
        assertTrue(responses.received(id, statusGoResponse(true, id, MAGNET)));
        assertEquals(List.of(MAGNET), handedOver);
        assertEquals(MAGNET, CommunityRequestToJoinResponse.parseFrom(statusGoResponse(true, id, MAGNET))
                .getMagnetUri(), "field 6");
    }

    @Test
    void nothingIsHandedOverWithoutALinkOrWhenRefused() throws Exception {
        assertFalse(responses.received(id, statusGoResponse(true, id, "")));
        assertFalse(responses.received(id, statusGoResponse(false, id, MAGNET)));
        assertEquals(List.of(), handedOver);
    }

    @Test
    void anotherCommunitysResponseOrGarbageIsATypedError() throws Exception {
        CommunityId other = TestCommunities.idOf(TestCommunities.newKey());
        assertThrows(InvalidArchiveException.class, () -> responses.received(id, statusGoResponse(true, other, MAGNET)));
        assertThrows(InvalidArchiveException.class, () -> responses.received(id, new byte[] {0x32, 0x10, 'm'}));
        assertEquals(List.of(), handedOver);
    }

    private final class RecordingService implements ArchiveService {
        @Override
        public List<CommunityArchiveStatus> communities() {
            return List.of();
        }

        @Override
        public Optional<CommunityArchiveStatus> community(CommunityId c) {
            return Optional.empty();
        }

        @Override
        public void archiveNow(CommunityId c) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.Map<org.archivist.api.storage.LinkKind, Long> linkClocks(CommunityId c) {
            return java.util.Map.of();
        }

        @Override
        public long raiseLinkClock(CommunityId c, org.archivist.api.storage.LinkKind kind, long clock) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean acceptJoinResponseLink(CommunityId c, String magnetUri) {
            assertEquals(id, c);
            handedOver.add(magnetUri);
            return true;
        }
    }
}

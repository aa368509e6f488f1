package org.archivist.host.reference.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.archivist.api.CommunityId;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.CommunityArchiveStatus;
import org.archivist.api.storage.LinkKind;
import org.archivist.proto.CommunityDescription;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;

class CommunityDescriptionsTest {
    final CommunityId id = TestCommunities.idOf(TestCommunities.newKey());
    final Map<LinkKind, Long> clocks = new HashMap<>();
    final CommunityDescriptions descriptions = new CommunityDescriptions(new ClockService());

    /** A description with a field Archivist does not model (2, members), which must survive. */
    byte[] description(long archiveClock) {
        return CommunityDescription.newBuilder().setClock(7).setArchiveMagnetlinkClock(archiveClock)
                .setUnknownFields(UnknownFieldSet.newBuilder().addField(2, UnknownFieldSet.Field.newBuilder()
                        .addLengthDelimited(ByteString.copyFromUtf8("member")).build()).build())
                .build().toByteArray();
    }

    @Test
    void theOwnerMirrorsItsAnnouncedMagnetClockIntoField9() throws Exception {
        assertArrayEquals(description(0), descriptions.withArchiveClock(id, description(0)), "nothing announced yet");
        clocks.put(CommunityDescriptions.MAGNET, 1_700_000_000_123L);
        CommunityDescription mirrored = CommunityDescription.parseFrom(descriptions.withArchiveClock(id, description(5)));
        assertEquals(1_700_000_000_123L, mirrored.getArchiveMagnetlinkClock());
        assertEquals(7, mirrored.getClock());
        assertEquals(List.of(ByteString.copyFromUtf8("member")),
                mirrored.getUnknownFields().getField(2).getLengthDelimitedList());
    }

    @Test
    void aMemberRaisesItsFloorFromAReceivedDescription() throws Exception {
        assertEquals(900, descriptions.received(id, description(900)));
        assertEquals(900, descriptions.received(id, description(10)), "never lowered");
        assertEquals(Map.of(CommunityDescriptions.MAGNET, 900L), clocks);
        assertThrows(InvalidArchiveException.class, () -> descriptions.received(id, new byte[] {0x0f}));
    }

    private final class ClockService implements ArchiveService {
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
        public boolean acceptJoinResponseLink(CommunityId c, String magnetUri) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<LinkKind, Long> linkClocks(CommunityId c) {
            assertEquals(id, c);
            return Map.copyOf(clocks);
        }

        @Override
        public long raiseLinkClock(CommunityId c, LinkKind kind, long clock) {
            assertEquals(id, c);
            return clocks.merge(kind, clock, Math::max);
        }
    }
}

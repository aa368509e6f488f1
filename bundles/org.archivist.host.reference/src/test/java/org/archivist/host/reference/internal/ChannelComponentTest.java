package org.archivist.host.reference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The channel's peers as Configuration Admin hands them from a .cfg file or from the console's form. */
class ChannelComponentTest {

    @Test
    void aCommaSeparatedCfgValueIsSplitIntoPeers() {
        assertEquals(List.of("42639", "127.0.0.1:36763"), ChannelComponent.peers(new String[] {"42639, 127.0.0.1:36763"}));
        assertEquals(List.of("9126", "9226"), ChannelComponent.peers(new String[] {"9126", " 9226 "}));
        assertEquals(List.of(), ChannelComponent.peers(new String[] {"", " "}));
    }
}

package org.archivist.tool.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import org.archivist.api.CommunityId;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.host.AnnouncementChat;
import org.archivist.api.storage.Announcement;
import org.archivist.core.link.IndexCidLinkFormat;
import org.archivist.core.link.MagnetLinkFormat;
import org.archivist.core.link.StatusAnnouncements;
import org.archivist.host.reference.ChannelDecoders;
import org.archivist.host.reference.ReferenceNode;

/**
 * The reference host's decoders of its announcement channel (through its exported {@link ChannelDecoders}):
 * {@code frame}, a whole received frame (chat id, signed message; the chat must be a community's
 * announcement chat, the signature must verify), and {@code signed}, a signed {@code ApplicationMetadataMessage}
 * alone (protobuf, then secp256k1 recovery over keccak256 of the payload). Both reject with
 * {@link InvalidArchiveException}.
 */
final class HostFuzzTargets {
    private static final byte[] KEY = HexFormat.of().parseHex(
            "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    private static final CommunityId SIGNER = ReferenceNode.communityIdOf(KEY);

    private HostFuzzTargets() {
    }

    static List<FuzzTarget> all() {
        return List.of(frame(), signed());
    }

    static FuzzTarget frame() {
        return new SimpleTarget("frame", InvalidArchiveException.class) {
            @Override
            public List<byte[]> seeds() {
                List<byte[]> envelopes = envelopes();
                return List.of(ChannelDecoders.frame(SIGNER, AnnouncementChat.MAGNETLINKS, envelopes.get(0)),
                        ChannelDecoders.frame(SIGNER, AnnouncementChat.UNIVERSAL, envelopes.get(1)),
                        ChannelDecoders.frame(SIGNER, AnnouncementChat.MAGNETLINKS, envelopes.get(2)));
            }

            @Override
            public void decode(byte[] input) throws Exception {
                ChannelDecoders.decodeFrame(input);
            }
        };
    }

    static FuzzTarget signed() {
        return new SimpleTarget("signed", InvalidArchiveException.class) {
            @Override
            public List<byte[]> seeds() {
                return envelopes();
            }

            @Override
            public void decode(byte[] input) throws Exception {
                ChannelDecoders.verifySigned(input);
            }
        };
    }

    /** A magnet-link announcement, an index-CID one, and an empty payload, each signed by the community key. */
    private static List<byte[]> envelopes() {
        StatusAnnouncements codec = StatusAnnouncements.DEFAULT;
        StatusAnnouncements.Outgoing magnet = codec.encode(MagnetLinkFormat.INSTANCE, new Announcement(
                1_700_000_000_000L, "magnet:?xt=urn:btih:" + "ab".repeat(20) + "&dn=" + SIGNER.hex()));
        StatusAnnouncements.Outgoing cid = codec.encode(IndexCidLinkFormat.INSTANCE, new Announcement(
                1_700_000_000_001L, "zDvZRwzmDuZWyWGSH6qZqF7ft1AGzxqxqRNQXfpPRKPPr389wS6s"));
        return List.of(ChannelDecoders.sign(magnet.type(), magnet.payload(), KEY),
                ChannelDecoders.sign(cid.type(), cid.payload(), KEY),
                ChannelDecoders.sign(76, "x".getBytes(StandardCharsets.UTF_8), KEY));
    }
}

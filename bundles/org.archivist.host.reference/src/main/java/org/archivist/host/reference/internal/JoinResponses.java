package org.archivist.host.reference.internal;

import java.util.Arrays;
import java.util.Optional;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.service.ArchiveService;
import org.archivist.proto.CommunityRequestToJoinResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.protobuf.InvalidProtocolBufferException;

import jakarta.inject.Inject;

/**
 * The reference host's handling of status-go's answer to a join request ({@code CommunityRequestToJoinResponse})
 * as far as archives go: an accepted answer's bare {@code magnet_uri} (field 6) is handed to
 * {@link ArchiveService#acceptJoinResponseLink}, which downloads it without the clock check. The caller passes
 * only responses it has authenticated (in Status the response arrives in the community's signed envelope);
 * the link carries no signature of its own.
 */
public final class JoinResponses {
    private static final Logger LOG = LoggerFactory.getLogger(JoinResponses.class);

    private final ArchiveService archives;

    @Inject
    public JoinResponses(ArchiveService archives) {
        this.archives = archives;
    }

    /**
     * Handles an authenticated, encoded {@code CommunityRequestToJoinResponse} for {@code community}.
     *
     * @return whether an archive link was handed over and taken
     * @throws InvalidArchiveException when the bytes are no such response, it names another community, or its
     *                                 link is not a magnet link
     */
    public boolean received(CommunityId community, byte[] response) throws ArchivistException {
        Optional<String> link = magnetLink(community, response);
        if (link.isEmpty()) {
            return false;
        }
        boolean taken = archives.acceptJoinResponseLink(community, link.get());
        LOG.info("{}: join response's archive link {}", community, taken ? "taken" : "not taken");
        return taken;
    }

    /** The archive link of an accepted response, if it has one. */
    static Optional<String> magnetLink(CommunityId community, byte[] response) throws InvalidArchiveException {
        CommunityRequestToJoinResponse r;
        try {
            r = CommunityRequestToJoinResponse.parseFrom(response);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidArchiveException("not a CommunityRequestToJoinResponse: " + e.getMessage(), e);
        }
        if (!r.getCommunityId().isEmpty() && !Arrays.equals(r.getCommunityId().toByteArray(), community.bytes())) {
            throw new InvalidArchiveException("the join response is for another community than " + community);
        }
        if (!r.getAccepted() || r.getMagnetUri().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(r.getMagnetUri());
    }
}

package org.archivist.codex.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;


/**
 * The emulator's block exchange: asks each peer, over its {@code /exchange} endpoints, for a block or a tree's
 * leaves it holds locally, verifies what comes back against the CID, and stores it with the default TTL.
 * Gives up after the configured rounds, as a node gives up after {@code --block-retries}.
 */
final class PeerExchange {
    static final String PATH = "/exchange";
    /** The largest block a node stores: 512 KiB data blocks; manifests are far smaller. */
    static final int MAX_BLOCK_BYTES = 512 * 1024;
    /** 4 Mi leaves: 256 GiB at 64 KiB blocks, a 128 MiB leaf list. */
    static final long MAX_TREE_LEAVES = 4L << 20;
    static final Duration BODY_DEADLINE = Duration.ofSeconds(30);

    private final BlockRepo repo;
    private final List<URI> peers = new CopyOnWriteArrayList<>();
    private final int rounds;
    private final Duration delay;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    PeerExchange(BlockRepo repo, List<URI> peers, int rounds, Duration delay) {
        this.repo = repo;
        this.peers.addAll(peers);
        this.rounds = rounds;
        this.delay = delay;
    }

    void addPeer(URI peer) {
        if (!peers.contains(peer)) {
            peers.add(peer);
        }
    }

    List<URI> peers() {
        return new ArrayList<>(peers);
    }

    /** A block from the local store, else from a peer (then stored locally); empty when nobody serves it. */
    Optional<byte[]> block(NodeCid cid) throws InterruptedException, IOException {
        Optional<byte[]> local = repo.read(cid);
        if (local.isPresent()) {
            return local;
        }
        for (int round = 0; round < rounds; round++) {
            for (URI peer : peers) {
                byte[] data = get(peer, "/block/" + cid, MAX_BLOCK_BYTES);
                if (data != null && Arrays.equals(Sha.sha256(data), cid.digest())) {
                    repo.put(cid, data, data.length);
                    return Optional.of(data);
                }
            }
            if (round + 1 < rounds) {
                Thread.sleep(delay.toMillis());
            }
        }
        return Optional.empty();
    }

    /** The manifest of a dataset, fetched when not local. */
    Optional<NodeManifest> manifest(NodeCid cid) throws InterruptedException, IOException {
        if (!cid.isManifest()) {
            return Optional.empty();
        }
        Optional<byte[]> bytes = block(cid);
        try {
            return bytes.map(repo.format()::decode);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The leaf digests of a tree, from the local store or a peer, checked against the tree CID. */
    Optional<List<byte[]>> leaves(NodeManifest manifest) throws InterruptedException {
        NodeCid tree = manifest.tree();
        if (manifest.blockCount() > MAX_TREE_LEAVES) {
            return Optional.empty(); // no peer is asked for a tree larger than any this emulator serves
        }
        Optional<byte[]> local = repo.treeLeaves(tree);
        if (local.isPresent()) {
            return Optional.of(NodeTree.split(local.get()));
        }
        for (int round = 0; round < rounds; round++) {
            for (URI peer : peers) {
                byte[] data = get(peer, "/tree/" + tree, manifest.blockCount() * 32);
                if (data != null && data.length % 32 == 0 && data.length > 0) {
                    List<byte[]> leaves = NodeTree.split(data);
                    if (leaves.size() == manifest.blockCount()
                            && NodeTree.treeCid(leaves).equals(tree)) {
                        try {
                            repo.putTree(tree, leaves);
                        } catch (IOException e) {
                            // kept in memory for this request
                        }
                        return Optional.of(leaves);
                    }
                }
            }
            if (round + 1 < rounds) {
                Thread.sleep(delay.toMillis());
            }
        }
        return Optional.empty();
    }

    /**
     * A peer's answer, bounded: a declared length over {@code maxBytes} is refused before anything is read, an
     * undeclared or lying one is cut at {@code maxBytes + 1}, and the whole body must arrive within
     * {@link #BODY_DEADLINE} (a trickling peer is dropped). Null when the peer has nothing usable.
     */
    private byte[] get(URI peer, String path, long maxBytes) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(peer.toString().replaceAll("/$", "") + PATH + path))
                    .timeout(Duration.ofSeconds(10)).GET().build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (response.statusCode() != 200 || declared > maxBytes) {
                    return null;
                }
                return BoundedRead.read(body, (int) Math.min(maxBytes, Integer.MAX_VALUE - 16), BODY_DEADLINE);
            }
        } catch (IOException e) {
            return null;
        }
    }
}

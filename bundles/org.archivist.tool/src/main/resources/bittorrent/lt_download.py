"""python3-libtorrent side of `archivist bench-bittorrent`: downloads a magnet link from one loopback peer.

usage: lt_download.py <magnet> <save-dir> <host:port> <max-seconds>
Prints 'METADATA <seconds>' and 'DONE <seconds>' (from adding the torrent), or 'TIMEOUT'.
"""
import sys
import time

import libtorrent as lt

magnet, save_dir, peer, max_seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
host, port = peer.rsplit(':', 1)
ses = lt.session({
    'listen_interfaces': '127.0.0.1:0', 'outgoing_interfaces': '127.0.0.1',
    'enable_dht': False, 'enable_lsd': False, 'enable_upnp': False, 'enable_natpmp': False,
    'enable_outgoing_utp': False, 'enable_incoming_utp': False,
})
params = lt.parse_magnet_uri(magnet)
params.save_path = save_dir
params.trackers = []
start = time.monotonic()
handle = ses.add_torrent(params)
handle.connect_peer((host, int(port)))
metadata = False
last_connect = start
while time.monotonic() - start < max_seconds:
    s = handle.status()
    if s.has_metadata and not metadata:
        metadata = True
        print('METADATA %.3f' % (time.monotonic() - start), flush=True)
    if s.is_seeding:
        print('DONE %.3f' % (time.monotonic() - start), flush=True)
        sys.exit(0)
    if s.num_peers == 0 and time.monotonic() - last_connect > 1:
        handle.connect_peer((host, int(port)))
        last_connect = time.monotonic()
    time.sleep(0.02)
print('TIMEOUT', flush=True)
sys.exit(3)

"""python3-libtorrent seed for `archivist bench-bittorrent`: serves a .torrent from <save-dir> on 127.0.0.1.

usage: lt_seed.py <file.torrent> <save-dir> [encrypted]
Prints 'SEEDING <port>' once its check found every piece (else 'NOT_SEEDING <done>/<total>' and exits 2);
serves until stdin closes. With 'encrypted' it accepts only encrypted (MSE, RC4) connections.
"""
import sys
import threading
import time

import libtorrent as lt

torrent, save_dir = sys.argv[1], sys.argv[2]
settings = {
    'listen_interfaces': '127.0.0.1:0', 'outgoing_interfaces': '127.0.0.1',
    'enable_dht': False, 'enable_lsd': False, 'enable_upnp': False, 'enable_natpmp': False,
    'enable_outgoing_utp': False, 'enable_incoming_utp': False, 'allow_multiple_connections_per_ip': True,
}
if len(sys.argv) > 3 and sys.argv[3] == 'encrypted':
    settings.update({'out_enc_policy': 0, 'in_enc_policy': 0, 'allowed_enc_level': 2})
ses = lt.session(settings)
params = lt.add_torrent_params()
params.ti = lt.torrent_info(torrent)
params.save_path = save_dir
handle = ses.add_torrent(params)
stdin_closed = threading.Event()
threading.Thread(target=lambda: (sys.stdin.read(), stdin_closed.set()), daemon=True).start()
end = time.monotonic() + 300
while time.monotonic() < end:
    s = handle.status()
    if s.state not in (lt.torrent_status.checking_files, lt.torrent_status.checking_resume_data) and s.has_metadata:
        break
    time.sleep(0.05)
s = handle.status()
if not s.is_seeding:
    print('NOT_SEEDING %d/%d' % (s.num_pieces, params.ti.num_pieces()), flush=True)
    sys.exit(2)
print('SEEDING %d' % ses.listen_port(), flush=True)
stdin_closed.wait()

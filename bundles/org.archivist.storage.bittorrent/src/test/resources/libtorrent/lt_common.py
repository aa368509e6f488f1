"""Shared set-up for the python3-libtorrent peers the interop tests drive: loopback only, no DHT/LSD/UPnP.

With LT_ENCRYPTION=required in the environment, the peer accepts and makes only encrypted (RC4, MSE)
connections, as a client set to 'require encryption' does.
"""
import os
import sys
import time

import libtorrent as lt


def session(port=0):
    settings = {
        'listen_interfaces': '127.0.0.1:%d' % port,
        'outgoing_interfaces': '127.0.0.1',
        'enable_dht': False,
        'enable_lsd': False,
        'enable_upnp': False,
        'enable_natpmp': False,
        'enable_outgoing_utp': False,
        'enable_incoming_utp': False,
        'allow_multiple_connections_per_ip': True,
        'announce_to_all_trackers': False,
        'alert_mask': lt.alert.category_t.error_notification | lt.alert.category_t.status_notification,
    }
    if os.environ.get('LT_ENCRYPTION') == 'required':
        settings['out_enc_policy'] = 0  # pe_forced
        settings['in_enc_policy'] = 0  # pe_forced
        settings['allowed_enc_level'] = 2  # pe_rc4: the whole stream encrypted, not just the handshake
    return lt.session(settings)


def say(*words):
    print(*words, flush=True)


def deadline_loop(seconds, step=0.05):
    """Yields until the deadline; the caller breaks out when done. Exits with status 3 on timeout."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        yield
        time.sleep(step)
    say('TIMEOUT after', seconds, 's')
    sys.exit(3)

"""Shared set-up for the python3-libtorrent peers the interop tests drive: loopback only, no DHT/LSD/UPnP."""
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

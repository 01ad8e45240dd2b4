"""Where the upload page listens: an address of the local network (the laptop's hotspot, the office's
Wi-Fi), never every interface, and only answering clients of a local network."""

from __future__ import annotations

import ipaddress
import socket

LOCAL_NETWORKS = tuple(ipaddress.ip_network(n) for n in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "127.0.0.0/8",  # RFC 1918, link-local
    "100.64.0.0/10",  # shared address space (some phone hotspots hand these out)
    "fc00::/7", "fe80::/10", "::1/128"))


def is_local(address: str, networks=LOCAL_NETWORKS) -> bool:
    """Whether an address is in one of `networks` (a local network, by default)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return any(ip in network for network in networks if network.version == ip.version)


def bind_problem(address: str) -> str | None:
    """Why the page may not listen on `address` (a catalog key), or None: it must be one address of a local
    network ("0.0.0.0" would listen on every network the laptop is on, a public one too)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "receive.bind_not_address"
    if ip.is_unspecified:
        return "receive.bind_everywhere"
    if not is_local(address):
        return "receive.bind_not_local"
    return None


def local_address() -> str | None:
    """This laptop's address on a local network (not loopback), or None when it is on none.

    A UDP socket "connected" to a private address learns the interface it would use; no packet is sent.
    Without a route, the host's own addresses are looked at."""
    for probe in ("192.168.255.255", "10.255.255.255", "172.31.255.255"):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
                sock.connect((probe, 9))
                address = sock.getsockname()[0]
        except OSError:
            continue
        if is_local(address) and not ipaddress.ip_address(address).is_loopback:
            return address
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return None
    for info in infos:
        address = str(info[4][0])
        if is_local(address) and not ipaddress.ip_address(address).is_loopback:
            return address
    return None

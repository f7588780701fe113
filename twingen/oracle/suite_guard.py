"""Nothing leaves the machine during a suite run: non-loopback DNS lookups and connections are refused.

A ``sys.audit`` hook (PEP 578) sees every lookup and connection the ``socket`` module makes, whoever makes it
(requests, urllib, aiohttp, an SDK's own code), and raises ``SuiteNetworkRefused`` before it happens. Audit
hooks cannot be removed: this module is for the suite's own processes (the pytest process, through the
plugin, and the Python processes its tests start, through ``sitecustomize``), which refuse for their life.

Standard library only: it runs inside the vendor suite's interpreter.
"""

from __future__ import annotations

import ipaddress
import sys
from collections.abc import Callable
from typing import Any

LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "ip6-localhost", "ip6-loopback"})
_LOOKUPS = ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr")
_SENDS = ("socket.connect", "socket.sendto", "socket.sendmsg")

Listener = Callable[[str], None]
_listeners: list[Listener] = []
_installed = False


class SuiteNetworkRefused(ConnectionRefusedError):
    """A lookup of, or a connection to, somewhere other than this machine during a suite run."""


def is_loopback(host: object) -> bool:
    """Loopback addresses and names; no host at all (a passive lookup, for binding) counts as local."""
    if host is None or host in ("", b""):
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    name = host.strip("[]").split("%", 1)[0].lower()
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return bool(address.is_loopback or address.is_unspecified or (mapped is not None and mapped.is_loopback))


def target(event: str, args: tuple[Any, ...]) -> tuple[object, str] | None:
    """``(host, what)`` for a socket audit event that reaches a host, else None (Unix sockets, binding...)."""
    if event in _SENDS:
        address = args[1] if len(args) > 1 else None
        if isinstance(address, tuple) and address:
            where = f"{address[0]}:{address[1]}" if len(address) > 1 else str(address[0])
            return address[0], f"a connection to {where}"
        return None
    if event in _LOOKUPS:
        return args[0], f"a DNS lookup of {args[0]!r}"
    if event == "socket.getnameinfo":
        sockaddr = args[0]
        host = sockaddr[0] if isinstance(sockaddr, tuple) and sockaddr else sockaddr
        return host, f"a reverse lookup of {host!r}"
    return None


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if not event.startswith("socket."):
        return
    found = target(event, args)
    if found is None or is_loopback(found[0]):
        return
    message = f"twingen suite refused {found[1]}: nothing leaves this machine during a suite run (loopback only)"
    for listener in list(_listeners):
        listener(found[1])
    raise SuiteNetworkRefused(message)


def install(listener: Listener | None = None) -> None:
    """Refuse from now on, for the rest of this process; ``listener`` hears each refusal (what was refused)."""
    global _installed
    if listener is not None:
        _listeners.append(listener)
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True


def installed() -> bool:
    return _installed


SITECUSTOMIZE = """# written by twingen's suite runner: this Python process refuses non-loopback lookups and connections
from twingen.oracle import suite_guard

suite_guard.install()
"""
"""The ``sitecustomize.py`` put first on the suite's ``PYTHONPATH``, so processes its tests start refuse too."""

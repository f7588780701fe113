"""Nothing leaves the machine during a replay, a suite run or a test with a twin fixture: every non-loopback DNS
lookup and connection is refused.

The guard is a ``sys.audit`` hook (PEP 578), so it sees what the ``socket`` module does whoever calls it (httpx,
urllib, a vendor SDK, C code going through ``socket``); a refused operation raises ``NetworkRefused`` before the
lookup or the connection happens. Hooks cannot be removed, so the hook is installed once and does nothing unless
a ``refuse_network()`` block is active.

This module imports only the standard library: ``child_site_dir`` copies its source into a ``sitecustomize.py``
so the twin a replay starts (a subprocess) refuses the network for its whole life as well.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "ip6-localhost", "ip6-loopback"})
_lock = threading.Lock()
_active = 0
_installed = False
_purpose = "run"
"""What the process is doing (``replay``, ``suite run``), for the refusal's message."""
_listeners: list[Callable[[str], None]] = []


class NetworkRefused(ConnectionRefusedError):
    """A DNS lookup or connection to somewhere other than this machine, during a replay or a suite run."""


def is_loopback(host: object) -> bool:
    """Loopback addresses and names (0.0.0.0 reaches this machine too); no host at all (a passive lookup, for
    binding) counts as local."""
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
    """``(host, description)`` of a socket event that reaches an address or name, else None."""
    if event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
        address = args[1] if len(args) > 1 else None
        if isinstance(address, tuple) and address:
            where = f"{address[0]}:{address[1]}" if len(address) > 1 else str(address[0])
            return address[0], f"a connection to {where}"
        return None  # a Unix socket path, or sendmsg on a connected socket
    if event in ("socket.getaddrinfo", "socket.gethostbyname") and _numeric(args[0]):
        return None  # an address written as numbers is parsed, not looked up: its connection is checked
    if event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr"):
        return args[0], f"a DNS lookup of {args[0]!r}"
    if event == "socket.getnameinfo":
        sockaddr = args[0]
        host = sockaddr[0] if isinstance(sockaddr, tuple) and sockaddr else sockaddr
        return host, f"a reverse lookup of {host!r}"
    return None


def _numeric(host: object) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    try:
        ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return False
    return True


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if not _active or not event.startswith("socket."):
        return
    found = target(event, args)
    if found is not None and not is_loopback(found[0]):
        for listener in list(_listeners):
            listener(found[1])
        word = _purpose.split()[0]
        raise NetworkRefused(
            f"twingen {word} refused {found[1]}: nothing leaves this machine during a {_purpose} (loopback only)"
        )


def install() -> None:
    """Install the audit hook once per process (inactive until ``refuse_network``)."""
    global _installed
    with _lock:
        if not _installed:
            sys.addaudithook(_hook)
            _installed = True


def installed() -> bool:
    """Whether this process refuses now."""
    return _installed and _active > 0


@contextlib.contextmanager
def refuse_network(purpose: str = "replay") -> Iterator[None]:
    """Within the block, this whole process refuses non-loopback lookups and connections (blocks nest)."""
    global _active, _purpose
    install()
    _purpose = purpose
    with _lock:
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1


def refuse_network_forever(purpose: str = "replay", listener: Callable[[str], None] | None = None) -> None:
    """For a child process (or a suite's pytest): refuse for the rest of its life; ``listener`` hears each refusal."""
    global _active, _purpose
    install()
    _purpose = purpose
    if listener is not None:
        _listeners.append(listener)
    with _lock:
        _active += 1


_CHAIN = """
refuse_network_forever()
# then run the sitecustomize this one shadows, if there is one
import importlib as _importlib
_here = __import__("os").path.dirname(__file__)
sys.path[:] = [p for p in sys.path if p != _here]
_me = sys.modules.pop("sitecustomize")
try:
    _importlib.import_module("sitecustomize")
except ImportError:
    sys.modules["sitecustomize"] = _me  # there is none: the import that runs this file expects itself back
"""


@contextlib.contextmanager
def child_site_dir() -> Iterator[Path]:
    """A folder holding a ``sitecustomize.py`` that makes a Python process refuse the network for its life;
    put it first on a child's ``PYTHONPATH``. Removed when the block ends."""
    source = Path(__file__).read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="twingen-netguard-") as folder:
        site = Path(folder) / "sitecustomize.py"
        site.write_text("# written by twingen replay: this process refuses the network\n" + source + _CHAIN)
        yield Path(folder)


@contextlib.contextmanager
def child_pythonpath(folder: Path) -> Iterator[None]:
    """``folder`` first on ``$PYTHONPATH`` for the processes started within the block (then restored)."""
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(folder), before or "") if p)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = before

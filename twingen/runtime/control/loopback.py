"""Whether a host names this machine: the control planes' check of ``Host`` (a twin's ``/_twin/``, the universe's
``/_universe/``). Standard library only, so what imports it (a ``twin-universe`` package) carries nothing else."""

from __future__ import annotations

import ipaddress


def is_loopback(name: str) -> bool:
    """``localhost``, a name under ``.localhost``, or a loopback address (``127.0.0.1``, ``::1``)."""
    name = name.rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def host_name(host: str) -> str:
    """``127.0.0.1:8000`` -> ``127.0.0.1``, ``[::1]:8000`` -> ``::1``: a ``Host`` header without its port."""
    if host.startswith("["):
        end = host.find("]")
        return host[1:end] if end > 0 else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host

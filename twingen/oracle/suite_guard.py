"""The suite runner's guard: ``netguard`` for the suite's own processes, which refuse for their life.

The pytest process refuses through the plugin (``install``), and every Python process its tests start through
``SITECUSTOMIZE``, put first on the suite's ``PYTHONPATH``. Standard library and ``netguard`` only: it runs inside
the vendor suite's interpreter.
"""

from __future__ import annotations

from collections.abc import Callable

from twingen.runtime.serving.netguard import NetworkRefused, installed, is_loopback, refuse_network_forever, target

__all__ = ["SITECUSTOMIZE", "SuiteNetworkRefused", "install", "installed", "is_loopback", "target"]

SuiteNetworkRefused = NetworkRefused


def install(listener: Callable[[str], None] | None = None) -> None:
    """Refuse from now on, for the rest of this process; ``listener`` hears each refusal (what was refused)."""
    refuse_network_forever("suite run", listener)


SITECUSTOMIZE = """# written by twingen's suite runner: this Python process refuses non-loopback lookups and connections
from twingen.oracle import suite_guard

suite_guard.install()
"""
"""The ``sitecustomize.py`` put first on the suite's ``PYTHONPATH``, so processes its tests start refuse too."""

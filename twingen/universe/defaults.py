"""Which twins a universe runs when none are named: ``twingen universe serve`` and the ``universe`` fixture.

In twingen: every twin generated under ``ROOT``. The ``twin-universe`` package carries a rendered copy of this
module instead (``templates/universe_defaults.py.j2``): no folder, and ``TWINS``, the installed twins it depends on.
"""

from __future__ import annotations

ROOT: str | None = "generated"
TWINS: tuple[str, ...] = ()

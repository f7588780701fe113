"""Twins of several vendors run together as one organisation: ``twingen universe serve`` and the ``universe`` fixture.

``members`` runs each twin in its own process; ``adapters`` asks each vendor's kit what its part is (the identity
provider, or an app it provisions over SCIM); ``running.Universe`` wires them and is the whole's control plane
(health, credentials, reset, snapshots, clock, tenants), served over HTTP at ``/_universe/`` by ``plane``; with
``one_port``, ``gateway`` serves every twin under its name and ``/_universe/`` on that one port.
"""

from __future__ import annotations

from .members import Member, MemberError
from .running import Universe, start_universe

__all__ = ["Member", "MemberError", "Universe", "start_universe"]

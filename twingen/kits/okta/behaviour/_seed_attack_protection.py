"""A new org's attack protection and ThreatInsight settings (attack_protection.py keeps them beside their
behaviour)."""

from __future__ import annotations

from ..runtime import SeedContext
from . import attack_protection


def seed(ctx: SeedContext) -> None:
    attack_protection.seed(ctx)

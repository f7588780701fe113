"""A new org's rate limit settings (rate_limit_settings.py keeps the defaults beside their behaviour)."""

from __future__ import annotations

from ..runtime import SeedContext
from . import rate_limit_settings


def seed(ctx: SeedContext) -> None:
    rate_limit_settings.seed(ctx)

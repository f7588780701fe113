"""A versioned price table: the cost of one model call from its usage, cache reads and writes included.

Prices are USD per million tokens as published by Anthropic. ``PRICE_TABLE_VERSION`` is recorded in
every run's provenance, so a run's cost can always be recomputed with the table it was made with.
A cache write (5-minute TTL) costs 1.25x input; a cache read costs 0.1x input.
"""

from __future__ import annotations

from dataclasses import dataclass

PRICE_TABLE_VERSION = "anthropic-2026-11"


@dataclass(frozen=True)
class Price:
    """USD per million tokens."""

    input: float
    output: float
    cache_write: float
    cache_read: float


def _price(input_: float, output: float) -> Price:
    return Price(input_, output, round(input_ * 1.25, 4), round(input_ * 0.1, 4))


PRICES: dict[str, Price] = {
    # Sonnet 4.6 is listed at the Sonnet family's price; models missing here fall back to FALLBACK
    "claude-sonnet-4-6": _price(3.0, 15.0),
    "claude-opus-4-5": _price(5.0, 25.0),
    "claude-opus-4-1": _price(15.0, 75.0),
    "claude-opus-4": _price(15.0, 75.0),
    "claude-sonnet-4-5": _price(3.0, 15.0),
    "claude-sonnet-4": _price(3.0, 15.0),
    "claude-3-7-sonnet": _price(3.0, 15.0),
    "claude-haiku-4-5": _price(1.0, 5.0),
    "claude-3-5-haiku": _price(0.8, 4.0),
}
FALLBACK = PRICES["claude-opus-4-1"]
"""An unknown model is priced as the dearest one, so a budget is never overrun by a missing entry."""


def price_for(model: str) -> Price:
    """The price of ``model``; dated ids (``claude-sonnet-4-5-20250929``) use their family's entry."""
    for name in sorted(PRICES, key=len, reverse=True):
        if model == name or model.startswith(name + "-"):
            return PRICES[name]
    return FALLBACK


def cost_usd(model: str, input_tokens: int, output_tokens: int, cache_read: int = 0, cache_write: int = 0) -> float:
    """``input_tokens`` are the uncached ones, as the Messages API reports them."""
    p = price_for(model)
    total = input_tokens * p.input + output_tokens * p.output + cache_read * p.cache_read + cache_write * p.cache_write
    return total / 1_000_000

"""Budgets for one ``iterate`` run: cost, model calls, wall-clock minutes. Every one of them is finite."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

DEFAULT_MAX_COST = 5.0
DEFAULT_MAX_TURNS = 60
DEFAULT_MAX_MINUTES = 30.0


@dataclass
class Budget:
    """What the run may spend, and what it has spent so far."""

    max_cost: float = DEFAULT_MAX_COST
    max_turns: int = DEFAULT_MAX_TURNS
    max_minutes: float = DEFAULT_MAX_MINUTES
    clock: Callable[[], float] = time.monotonic
    started: float = field(default=0.0)
    cost: float = 0.0
    turns: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0

    def __post_init__(self) -> None:
        self.started = self.clock()

    def minutes(self) -> float:
        return (self.clock() - self.started) / 60.0

    def exceeded(self) -> str | None:
        """The stop reason when a limit is reached (checked before each model call), else None."""
        if self.cost >= self.max_cost:
            return f"budget: cost ${self.cost:.4f} reached --max-cost ${self.max_cost:.2f}"
        if self.turns >= self.max_turns:
            return f"budget: {self.turns} model calls reached --max-turns {self.max_turns}"
        if self.minutes() >= self.max_minutes:
            return f"budget: {self.minutes():.1f} minutes reached --max-minutes {self.max_minutes:g}"
        return None

    def spend(self, cost: float, input_tokens: int, output_tokens: int, cache_read: int, cache_write: int) -> None:
        self.turns += 1
        self.cost += cost
        self.input_tokens += input_tokens
        self.output_tokens += output_tokens
        self.cache_read_tokens += cache_read
        self.cache_write_tokens += cache_write

    def tokens(self) -> dict[str, int]:
        return {
            "input": self.input_tokens,
            "output": self.output_tokens,
            "cache_read": self.cache_read_tokens,
            "cache_write": self.cache_write_tokens,
        }

"""Time and identifiers behind small objects, so ``serve --seed N`` and a movable clock can replace them."""

from __future__ import annotations

import random
import string
import time

_ALNUM_UPPER = string.ascii_uppercase + string.digits
_ALNUM = string.ascii_letters + string.digits


class Clock:
    """The twin's clock: wall time plus an offset that tests may move (``POST /_twin/clock`` later)."""

    def __init__(self, offset: float = 0.0) -> None:
        self.offset = offset

    def now(self) -> float:
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds


class IdFactory:
    """Makes vendor-looking ids; random by default, a pure function of the call sequence when seeded."""

    def __init__(self, seed: int | None = None) -> None:
        self.seed = seed
        # SystemRandom is not seedable, so an unseeded twin still never repeats ids across restarts
        self._random: random.Random = random.Random(seed) if seed is not None else random.SystemRandom()
        self._counter = 0

    def reset(self) -> None:
        """Start the sequence again (a seeded twin gives the same ids after ``/_twin/reset``)."""
        if self.seed is not None:
            self._random = random.Random(self.seed)
        self._counter = 0

    def token(self, length: int = 10, alphabet: str = _ALNUM_UPPER) -> str:
        return "".join(self._random.choice(alphabet) for _ in range(length))

    def new_id(self, prefix: str = "", length: int = 10, alphabet: str = _ALNUM_UPPER) -> str:
        return prefix + self.token(length, alphabet)

    def number(self) -> str:
        """Sequential numeric ids (Jira issues, projects), as strings like the vendor sends them."""
        self._counter += 1
        return str(10000 + self._counter)

    def mixed(self, length: int) -> str:
        return self.token(length, _ALNUM)

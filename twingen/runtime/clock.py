"""Time and identifiers behind small objects, so ``serve --seed N`` and a movable clock can replace them.

Two clocks share one interface. The default follows wall time plus an offset that tests move with
``POST /_twin/clock``. A seeded twin gets a *stepped* clock instead: it starts at ``EPOCH`` and moves on
by ``step`` seconds per vendor request (``tick``), so every timestamp is a function of the request
sequence and two runs of the same calls give byte-identical answers. Within one request ``now()`` stays
put; behaviour that needs distinct times in one request already orders them (``max(now, last + 0.001)``).

Moving the clock is refused (``ClockError``, the clock unchanged) when it would leave ``EPOCH_MIN`` ..
``EPOCH_MAX``: a time outside cannot be written as an RFC 3339 date, and every answer that shows one would fail.
"""

from __future__ import annotations

import math
import random
import string
import time
from datetime import datetime, timezone

_ALNUM_UPPER = string.ascii_uppercase + string.digits
ID_ALPHABET = _ALNUM_UPPER
"""The default alphabet of ``new_id``: upper-case letters and digits."""
_ALNUM = string.ascii_letters + string.digits
HEX_ALPHABET = "0123456789abcdef"
URLSAFE_ALPHABET = _ALNUM + "-_"
"""The alphabets of ``secrets.token_hex``/``token_urlsafe``: secrets drawn from an ``IdFactory`` in them look
like the vendor's and are repeatable under ``--seed``."""
BASE64URL_ALPHABET = string.ascii_uppercase + string.ascii_lowercase + string.digits + "-_"
"""RFC 4648's URL-safe base64 alphabet in its own order (``URLSAFE_ALPHABET``'s characters, ordered as Google's
ids are: Drive file, shared drive and upload session ids). The order matters under ``--seed``: an id is drawn by
position, so the same draws give the same ids only from the same order."""
BASE62_ALPHABET = BASE64URL_ALPHABET[:62]
"""``BASE64URL_ALPHABET`` without ``-`` and ``_``: letters and digits in that order (Drive approval ids)."""

EPOCH = 1704067200.0
"""2024-01-01T00:00:00Z: where a seeded twin's clock starts."""
EPOCH_MIN = 0.0
"""1970-01-01T00:00:00Z: the clock is not moved before it."""
EPOCH_MAX = 253370764800.0
"""9999-01-01T00:00:00Z: nor after it (dates end with year 9999; the year left over is for time to keep moving)."""


class ClockError(ValueError):
    """A move that would take the clock outside ``EPOCH_MIN`` .. ``EPOCH_MAX``; the clock stays where it was."""


class Clock:
    """The twin's clock: wall time plus an offset, or (``step`` set) a clock that moves per request."""

    def __init__(self, offset: float = 0.0, *, step: float | None = None, start: float = EPOCH) -> None:
        self.offset = offset
        self.step = step
        self.start = start
        self._ticks = 0

    @property
    def deterministic(self) -> bool:
        return self.step is not None

    def now(self) -> float:
        if self.step is None:
            return time.time() + self.offset
        return self.start + self._ticks * self.step + self.offset

    def tick(self) -> None:
        """One vendor request arrived: a stepped clock moves on; wall time moves by itself."""
        self._ticks += 1

    def advance(self, seconds: float) -> None:
        self._move(seconds)

    def set(self, epoch: float) -> None:
        """Make ``now()`` read ``epoch`` from here on (later ticks and wall time still move it)."""
        self._move(epoch - self.now())

    def _move(self, seconds: float) -> None:
        now = self.now()
        later = now + seconds
        if not (math.isfinite(later) and EPOCH_MIN <= later <= EPOCH_MAX):
            raise ClockError(
                f"the clock would read {later:.12g}; it stays between {iso8601(EPOCH_MIN)} and {iso8601(EPOCH_MAX)}"
            )
        self.offset += seconds

    def reset(self) -> None:
        """Back to the start: no offset, and a stepped clock at ``start`` again."""
        self.offset = 0.0
        self._ticks = 0

    def describe(self) -> dict[str, object]:
        """What ``GET /_twin/clock`` answers."""
        now = self.now()
        return {
            "now": now,
            "iso": iso8601(now),
            "offset": self.offset,
            "deterministic": self.deterministic,
            "step": self.step,
        }


def iso8601(seconds: float) -> str:
    """RFC 3339 with milliseconds and ``Z``, the way Google and Okta write timestamps."""
    moment = datetime.fromtimestamp(seconds, tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


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

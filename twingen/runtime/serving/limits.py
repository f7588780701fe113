"""How much of a request the twin's HTTP layer (``protocol.py``) reads, and how long it waits, before it refuses.

A twin holds each request whole in memory (its body is joined once, then parsed), so without a limit one client
can make it allocate whatever it sends. The limits, and what a request past one gets (in the vendor's envelope,
then the connection closes):

- ``max_body``: a larger ``Content-Length`` is answered 413 from the head alone, before a byte of the body is
  read; a chunked body is counted as it comes. Default 100 MiB, never above what the vendor documents for its
  largest request (the profile's ``max_body``: Slack's files, Drive's uploads), so ``serve --max-body`` can raise
  the twin's cap up to the vendor's own and no further.
- ``max_head``: the request line and headers together; past it, 431, even while the head is still coming.
- ``head_timeout``: the whole head must arrive within this many seconds of the request's first byte (a client
  that sends a byte every few seconds holds no connection forever); ``request_timeout``: the body too. Past
  either, 408. A connection with no request under way closes quietly after uvicorn's ``timeout_keep_alive``
  (``serve --idle-timeout``), from its first moment as after each answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

MAX_BODY = 100 * 2**20
MAX_HEAD = 64 * 2**10
HEAD_TIMEOUT = 10.0
REQUEST_TIMEOUT = 60.0


@dataclass(frozen=True)
class HttpLimits:
    """The HTTP layer's limits for one twin (``TwinApp.limits``); sizes in bytes, timeouts in seconds."""

    max_body: int = MAX_BODY
    max_head: int = MAX_HEAD
    head_timeout: float = HEAD_TIMEOUT
    request_timeout: float = REQUEST_TIMEOUT


DEFAULT_LIMITS = HttpLimits()


class _Documented(Protocol):
    max_body: int | None


def body_limit(profile: _Documented, cap: int = MAX_BODY) -> int:
    """The twin's cap on a request body, never above the largest one the vendor documents."""
    documented = profile.max_body
    return cap if documented is None else min(cap, documented)


def parse_size(text: str) -> int:
    """``"100M"`` -> bytes: a whole number with an optional K, M or G (powers of 1024)."""
    cleaned = text.strip().upper().removesuffix("B").removesuffix("I")
    scale = {"K": 2**10, "M": 2**20, "G": 2**30}.get(cleaned[-1:], 1)
    number = cleaned[:-1] if scale > 1 else cleaned
    if not number.isdigit():
        raise ValueError(f"not a size: {text!r} (bytes, or a number with K, M or G)")
    return int(number) * scale

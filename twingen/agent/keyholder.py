"""The API key lives in the one process that calls the model, and only in its Python objects.

``take_key`` reads ``ANTHROPIC_API_KEY`` and then takes it out of everything another process could look
at: ``os.environ`` (so no subprocess of ours, sandboxed or not, inherits it), the environment block the
kernel shows as ``/proc/PID/environ`` (its bytes are overwritten: ``unsetenv`` alone leaves them there),
and the process is made non-dumpable, so processes of the same user without ``CAP_SYS_PTRACE`` cannot
read its ``/proc/PID/environ`` or ``/proc/PID/mem`` or attach to it. The key itself then exists only as
the string handed to the Anthropic client and the scrubber.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys

KEY_VARIABLE = "ANTHROPIC_API_KEY"
PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def take_key(name: str = KEY_VARIABLE) -> str:
    """The key's value ("" when unset), now gone from this process's environment; the process not dumpable."""
    value = os.environ.pop(name, "")
    if value:
        wipe_environment_block(name)
    make_undumpable()
    return value


def _prctl(option: int, arg: int = 0) -> int:
    libc = ctypes.CDLL(None, use_errno=True)
    result: int = libc.prctl(ctypes.c_int(option), ctypes.c_ulong(arg), ctypes.c_ulong(0), ctypes.c_ulong(0),
                             ctypes.c_ulong(0))  # fmt: skip
    return result


def make_undumpable() -> None:
    """No core dumps, and /proc/PID/{environ,mem} and ptrace closed to same-user processes (Linux)."""
    if sys.platform == "linux":
        _prctl(PR_SET_DUMPABLE, 0)


def dumpable() -> bool:
    return sys.platform != "linux" or _prctl(PR_GET_DUMPABLE) != 0


def wipe_environment_block(name: str) -> bool:
    """Overwrite ``NAME=value`` with zeros in the block the kernel reports as /proc/self/environ (Linux).

    The block's bounds come from /proc/self/stat (``env_start``, ``env_end``); only bytes inside them that
    read ``NAME=`` at the start of an entry are touched. True when something was wiped.
    """
    if sys.platform != "linux":
        return False
    try:
        with open("/proc/self/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
        start, end = int(fields[-3]), int(fields[-2])  # fields 50 and 51 (of 52): env_start, env_end
    except (OSError, ValueError, IndexError):
        return False
    if not 0 < start < end or end - start > 1 << 24:
        return False
    block = ctypes.string_at(start, end - start)
    prefix, offset, wiped = name.encode() + b"=", 0, False
    for entry in block.split(b"\0"):
        if entry.startswith(prefix):
            with contextlib.suppress(OSError, ValueError):
                ctypes.memset(start + offset + len(prefix), 0, len(entry) - len(prefix))
                wiped = True
        offset += len(entry) + 1
    return wiped

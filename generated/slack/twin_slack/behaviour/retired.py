"""Methods Slack has retired: they still exist, authenticate, and then refuse with ``method_deprecated``.

The ``channels.*``, ``groups.*``, ``im.*`` and ``mpim.*`` families were retired in February 2021 in favour
of ``conversations.*``; slack_sdk keeps their client methods, so old code reaching them meets this answer.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, VendorError, behaviour
from ._auth import caller_of

RETIRED = (
    *(
        f"channels.{m}"
        for m in (
            "archive",
            "create",
            "history",
            "info",
            "invite",
            "join",
            "kick",
            "leave",
            "list",
            "mark",
            "rename",
            "replies",
            "setPurpose",
            "setTopic",
            "unarchive",
        )
    ),
    *(
        f"groups.{m}"
        for m in (
            "archive",
            "create",
            "createChild",
            "history",
            "info",
            "invite",
            "kick",
            "leave",
            "list",
            "mark",
            "open",
            "rename",
            "replies",
            "setPurpose",
            "setTopic",
            "unarchive",
        )
    ),
    *(f"{family}.{m}" for family in ("im", "mpim") for m in ("close", "history", "list", "mark", "open", "replies")),
)


def retired_method(ctx: Context) -> Any:
    caller_of(ctx)
    raise VendorError("method_deprecated")


for _op_id in RETIRED:
    retired_method = behaviour(_op_id)(retired_method)

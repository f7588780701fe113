"""Methods Slack has retired: they still exist, authenticate, and then refuse with ``method_deprecated``.

The ``channels.*``, ``groups.*``, ``im.*`` and ``mpim.*`` families were retired in February 2021 in favour
of ``conversations.*``; slack_sdk keeps their client methods, so old code reaching them meets this answer.
Each name is its own decorator with a string literal: the generator's coverage scan reads only those.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, behaviour
from ._auth import caller_of
from ._errors import slack_error


@behaviour("channels.archive")
@behaviour("channels.create")
@behaviour("channels.history")
@behaviour("channels.info")
@behaviour("channels.invite")
@behaviour("channels.join")
@behaviour("channels.kick")
@behaviour("channels.leave")
@behaviour("channels.list")
@behaviour("channels.mark")
@behaviour("channels.rename")
@behaviour("channels.replies")
@behaviour("channels.setPurpose")
@behaviour("channels.setTopic")
@behaviour("channels.unarchive")
@behaviour("groups.archive")
@behaviour("groups.create")
@behaviour("groups.createChild")
@behaviour("groups.history")
@behaviour("groups.info")
@behaviour("groups.invite")
@behaviour("groups.kick")
@behaviour("groups.leave")
@behaviour("groups.list")
@behaviour("groups.mark")
@behaviour("groups.open")
@behaviour("groups.rename")
@behaviour("groups.replies")
@behaviour("groups.setPurpose")
@behaviour("groups.setTopic")
@behaviour("groups.unarchive")
@behaviour("im.close")
@behaviour("im.history")
@behaviour("im.list")
@behaviour("im.mark")
@behaviour("im.open")
@behaviour("im.replies")
@behaviour("mpim.close")
@behaviour("mpim.history")
@behaviour("mpim.list")
@behaviour("mpim.mark")
@behaviour("mpim.open")
@behaviour("mpim.replies")
def retired_method(ctx: Context) -> Any:
    """Authenticate first (a bad token is still ``invalid_auth``), then refuse."""
    caller_of(ctx)
    raise slack_error("method_deprecated")

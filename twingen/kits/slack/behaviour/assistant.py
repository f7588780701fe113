"""``assistant.threads.*``: an AI app's status, title and suggested prompts on a thread it takes part in.

The thread is a message (``thread_ts``) in a conversation the app can see and is a member of; what each
method sets is kept per thread (``assistant_threads``) so a client can read it back as Slack shows it.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _args, _ids, _messages, _model, _platform
from ._auth import Caller, slack_method
from ._errors import invalid_arguments, slack_error

Record = dict[str, Any]


def _thread(ctx: Context, caller: Caller, required: bool = True) -> tuple[str, Record]:
    channel = _platform.channel(ctx, caller)
    if not _model.is_member(channel, caller.user_id):
        raise slack_error("not_in_channel")
    raw = _platform.need(ctx, "thread_ts") if required else _args.text(ctx, "thread_ts").strip()
    key = channel["id"]
    if raw:
        ts = _ids.normalise_ts(raw)
        if ts is None or _messages.get(ctx, channel["id"], ts) is None:
            raise slack_error("thread_not_found")
        key = f"{channel['id']}:{ts}"
    threads = ctx.state.collection("assistant_threads")
    return key, threads.get(key) or {"channel_id": channel["id"], "thread_ts": raw}


def _save(ctx: Context, key: str, record: Record) -> Record:
    ctx.state.collection("assistant_threads").put(key, record)
    return {}


@slack_method("assistant.threads.setStatus", scopes=("assistant:write", "chat:write"))
def assistant_threads_set_status(ctx: Context, caller: Caller) -> Record:
    """``status`` shows as "<app> <status>" under the thread; an empty status clears it."""
    key, record = _thread(ctx, caller)
    if "status" not in ctx.params:
        raise invalid_arguments("missing required field: status")
    loading = _platform.json_arg(ctx, "loading_messages")
    if loading is not None and (not isinstance(loading, list) or len(loading) > 10):
        raise invalid_arguments("loading_messages must be an array of at most 10 strings")
    record.update(status=_args.text(ctx, "status"), loading_messages=loading or [])
    return _save(ctx, key, record)


@slack_method("assistant.threads.setTitle", scopes=("assistant:write",))
def assistant_threads_set_title(ctx: Context, caller: Caller) -> Record:
    key, record = _thread(ctx, caller)
    record["title"] = _platform.need(ctx, "title")
    return _save(ctx, key, record)


@slack_method("assistant.threads.setSuggestedPrompts", scopes=("assistant:write",))
def assistant_threads_set_suggested_prompts(ctx: Context, caller: Caller) -> Record:
    """Up to four prompts, each ``{title, message}``."""
    key, record = _thread(ctx, caller, required=False)
    prompts = _platform.json_arg(ctx, "prompts")
    if not isinstance(prompts, list) or not 1 <= len(prompts) <= 4:
        raise invalid_arguments("prompts must be an array of 1 to 4 prompts")
    for prompt in prompts:
        if not isinstance(prompt, dict) or not prompt.get("title") or not prompt.get("message"):
            raise invalid_arguments("each prompt needs a title and a message")
    record.update(prompts=prompts, prompts_title=_args.text(ctx, "title"))
    return _save(ctx, key, record)

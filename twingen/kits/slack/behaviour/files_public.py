"""Public links to files (``files.sharedPublicURL``, ``files.revokePublicURL``) and ``files.comments.delete``.

Both link methods are for user tokens; a bot token is ``not_allowed_token_type``. File comments were
retired by Slack in 2018: no method adds one, but the seed's ``deal-notes.txt`` keeps one from before
(NOTES.md), which ``files.comments.delete`` can delete; any other id is ``comment_not_found``.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from . import _args, _files
from ._auth import Caller, slack_method
from ._errors import slack_error

Record = dict[str, Any]


def _own_file(ctx: Context, caller: Caller) -> Record:
    if caller.is_bot:
        raise slack_error("not_allowed_token_type")
    return _files.find(ctx, caller, _args.text(ctx, "file").strip())


@slack_method("files.sharedPublicURL")
def files_shared_public_url(ctx: Context, caller: Caller) -> Record:
    """Anyone with ``permalink_public`` may then download the file, until the link is revoked."""
    record = _own_file(ctx, caller)
    record["public_url_shared"] = True
    ctx.state.collection("files").put(record["id"], record)
    return {"file": _files.show(ctx, record)}


@slack_method("files.revokePublicURL")
def files_revoke_public_url(ctx: Context, caller: Caller) -> Record:
    record = _own_file(ctx, caller)
    record["public_url_shared"] = False
    ctx.state.collection("files").put(record["id"], record)
    return {"file": _files.show(ctx, record)}


@slack_method("files.comments.delete")
def files_comments_delete(ctx: Context, caller: Caller) -> Record:
    record = _files.find(ctx, caller, _args.text(ctx, "file").strip())
    comment_id = _args.text(ctx, "id").strip()
    comments = list(record.get("_comments") or ())
    if not any(c["id"] == comment_id for c in comments):
        raise slack_error("comment_not_found")
    record["_comments"] = [c for c in comments if c["id"] != comment_id]
    record["comments_count"] = len(record["_comments"])
    ctx.state.collection("files").put(record["id"], record)
    return {}

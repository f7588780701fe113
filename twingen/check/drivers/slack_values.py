"""Slack argument values and error codes: what a valid value of each argument looks like, and what Slack says.

Argument names in slack_sdk say what they hold (``channel``, ``user_ids``, ``usergroup``); the kind of id
is the name without ``_id``/``_ids``/plural ``s``. Error codes are from Slack's method reference pages
(docs.slack.dev/reference/methods/...): the "Errors" table of each method and the common errors every
method lists.
"""

from __future__ import annotations

import json
from typing import Any

# kinds of id the pool keeps, by the argument name that carries one (singular form)
ID_KINDS = frozenset(
    {"channel", "user", "file", "usergroup", "team", "bookmark", "reminder", "canvas", "list", "view", "bot", "app",
     "scheduled_message", "message_ts", "ts", "thread_ts", "call", "workflow", "function", "enterprise"}
)  # fmt: skip
UNKNOWN_IDS = {"channel": "C0TWINCHK00", "user": "U0TWINCHK00", "file": "F0TWINCHK00"}
"""Well-formed ids no twin has: the unknown-id probe."""
NOT_FOUND = {
    "channel": frozenset({"channel_not_found"}),
    "user": frozenset({"user_not_found", "users_not_found"}),
    "file": frozenset({"file_not_found", "file_deleted"}),
}
MISSING_CODES = {
    "channel": "channel_not_found",
    "user": "user_not_found",
    "ts": "message_not_found",
    "file": "file_not_found",
    "text": "no_text",
    "name": "invalid_name_required",
    "usergroup": "no_such_subteam",
}
"""The specific code Slack gives for some missing arguments instead of ``invalid_arguments``."""

# a valid call may still meet these, in Slack as in a twin: the seeded tokens lack a scope or a token type
VALID_CALL_ERRORS = frozenset({"missing_scope", "not_allowed_token_type", "no_permission"})
RETIRED_FAMILIES = ("channels.", "groups.", "im.", "mpim.")
"""Retired in 2021: Slack answers ``method_deprecated`` to every one of them."""
RETIRED_METHODS = frozenset({"files.upload"})
"""Sunset on 2025-11-12 in favour of files.getUploadURLExternal + files.completeUploadExternal."""
NO_AUTH = frozenset({"api.test", "oauth.access", "oauth.token", "oauth.v2.access", "oauth.v2.exchange",
                     "openid.connect.token"})  # fmt: skip
"""Methods authenticated by client id and secret (or not at all): a bad bearer token proves nothing."""
FAMILY_ERRORS: dict[str, frozenset[str]] = {
    # Enterprise Grid administration: a workspace that is not on Grid, or a caller who is not an org admin
    "admin.": frozenset(
        {
            "not_an_admin",
            "not_an_enterprise",
            "feature_not_enabled",
            "team_not_found",
            "not_allowed",
            "restricted_action",
        }
    ),
    "apps.manifest.": frozenset({"invalid_manifest", "app_not_found", "invalid_app_id"}),
    "canvases.": frozenset(
        {"canvas_not_found", "canvas_disabled", "canvas_editing_failed", "free_teams_cannot_create_non_tiny_canvases"}
    ),
    "conversations.canvases.": frozenset({"channel_canvas_already_exists", "canvas_disabled"}),
    "conversations.externalInvitePermissions.": frozenset({"channel_not_found", "not_allowed"}),
    "conversations.requestSharedInvite.": frozenset({"invite_not_found", "not_allowed"}),
    "slackLists.": frozenset({"list_not_found", "feature_not_enabled"}),
    "functions.": frozenset({"function_execution_not_found", "function_not_found"}),
    "workflows.": frozenset({"workflow_not_found", "not_allowed"}),
    "assistant.": frozenset({"channel_not_found", "not_in_channel", "thread_not_found"}),
    "team.externalTeams.": frozenset({"team_not_found", "not_allowed"}),
    "users.discoverableContacts.": frozenset({"not_allowed", "feature_not_enabled"}),
}

ALWAYS = ("text", "content", "filename", "timestamp")
"""Optional arguments filled whenever a method has them: without them most calls mean nothing."""
EXTRA: dict[str, tuple[str, ...]] = {
    # slack_sdk refuses these calls unless one of several optional arguments is given
    "conversations_open": ("users",),
    "conversations_inviteShared": ("user_ids",),
    "conversations_acceptSharedInvite": ("invite_id",),
    "views_update": ("external_id",),
    "files_upload_v2": ("channel",),
    "files_completeUploadExternal": ("channel_id",),
}

_BLOCKS = [{"type": "section", "text": {"type": "mrkdwn", "text": "twingen check"}}]
_VIEW = {"type": "modal", "title": {"type": "plain_text", "text": "Check"}, "blocks": _BLOCKS}
_TEXT_WORDS = ("text", "title", "purpose", "topic", "description", "display_name", "markdown_text", "content",
               "query", "alt_txt", "preview_text")  # fmt: skip
VALUES: dict[str, Any] = {
    "email": "bob@example.com",
    "url": "https://example.com/twincheck",
    "image_url": "https://example.com/twincheck.png",
    "external_url": "https://example.com/twincheck",
    "join_url": "https://example.com/join",
    "trigger_id": "12345.98765.abcd2358fdea",
    "blocks": _BLOCKS,
    "view": _VIEW,
    "manifest": {"display_information": {"name": "twincheck"}},
    "presence": "away",
    "post_at": "{now+3600}",
    "time": "in 10 minutes",
    "num_minutes": 10,
    "duration_days": 1,
    "length": 1,
    "is_private": False,
    "client_id": "12345.67890",
    "client_secret": "twincheck-secret",
    "code": "twincheck-code",
    "refresh_token": "xoxe-1-twincheck",
    "filename": "twincheck.txt",
    "external_id": "twincheck-external",
    "status": "completed",
    "type": "public_channel",
    "access_level": "read",
    "permission_type": "all",
    "entity_type": "channel",
    "prefs": {"who_can_post": "type:admin"},
    "dialog": {"title": "Check", "callback_id": "check", "elements": []},
    "commands": [],
    "outputs": {},
    "error": "twincheck failure",
    "image": b"\x89PNG\r\n\x1a\n",
    "invite_id": "I0TWINCHK00",
}


def kind_of(name: str) -> str | None:
    """``channel_ids`` -> ``channel``; ``usergroup`` -> ``usergroup``; ``query`` -> None."""
    base = name.removesuffix("_ids").removesuffix("_id")
    for candidate in (base, base.removesuffix("s")):
        if candidate in ID_KINDS:
            return candidate
    return None


def is_text(name: str) -> bool:
    return name in _TEXT_WORDS or (name.endswith(("_text", "_name")) and name not in ("channel_name", "team_name"))


def pretty(body: str, lines: int = 12) -> str:
    """A JSON answer indented so its first lines say something; other answers as they came."""
    try:
        data = json.loads(body)
    except (ValueError, TypeError):
        return body
    return "\n".join(json.dumps(data, indent=1, ensure_ascii=False).splitlines()[:lines])

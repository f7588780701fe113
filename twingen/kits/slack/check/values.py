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
     "scheduled_message", "message_ts", "ts", "thread_ts", "call", "workflow", "function", "enterprise", "invite",
     "skill", "job", "barrier", "app_request", "invite_request", "role", "session", "list_item", "comment",
     "agent_channel", "server", "record", "trigger", "item", "column", "stream", "private_channel", "manifest_app"}
)  # fmt: skip
UNKNOWN_IDS = {"channel": "C0TWINCHK00", "user": "U0TWINCHK00", "file": "F0TWINCHK00"}
"""Well-formed ids no twin has: the unknown-id probe."""
NOT_FOUND = {
    "channel": frozenset({"channel_not_found"}),
    "user": frozenset({"user_not_found", "users_not_found"}),
    "file": frozenset({"file_not_found", "file_deleted"}),
}
UNKNOWN_ANSWERS: dict[str, frozenset[str]] = {
    # "Users without an active session will not be returned": unknown ids are left out, not an error
    # (docs.slack.dev/reference/methods/admin.users.session.getSettings)
    "admin.users.session.getSettings": frozenset(),
    # "invalid_users: Value passed for `users` was empty or invalid."
    # (https://docs.slack.dev/reference/methods/usergroups.users.update, mirrored in slack-ruby/slack-api-ref
    # methods/usergroups/usergroups.users.update.json)
    "usergroups.users.update": frozenset({"invalid_users"}),
    # the page's errors are no_users_provided and "user_not_visible: User is not visible for this request."
    # (https://docs.slack.dev/reference/methods/dnd.teamInfo, slack-ruby/slack-api-ref methods/dnd/dnd.teamInfo.json)
    "dnd.teamInfo": frozenset({"user_not_visible"}),
    # an unknown id is answered ok, listed in ``invalid_user_ids`` (the response example of
    # https://docs.slack.dev/reference/methods/migration.exchange, slack-ruby/slack-api-ref
    # methods/migration/migration.exchange.json)
    "migration.exchange": frozenset(),
    # "no_valid_channels: All input channels are invalid." — every channel given is unknown
    # (https://docs.slack.dev/reference/methods/admin.conversations.bulkMove, slack-ruby/slack-api-ref
    # methods/admin/admin.conversations.bulkMove.json; https://docs.slack.dev/reference/methods/
    # admin.conversations.bulkSetProperties, methods/admin/admin.conversations.bulkSetProperties.json).
    "admin.conversations.bulkMove": frozenset({"no_valid_channels"}),
    "admin.conversations.bulkSetProperties": frozenset({"no_valid_channels"}),
    # bulkArchive's and bulkDelete's pages list neither no_valid_channels nor channel_not_found; their answer
    # example is ok with the unknown channel in not_added ({"channel_id", "error": "invalid_channel"})
    # (https://docs.slack.dev/reference/methods/admin.conversations.bulkArchive, .../bulkDelete; slack-ruby/
    # slack-api-ref methods/admin/admin.conversations.bulkArchive.json, admin.conversations.bulkDelete.json)
    "admin.conversations.bulkArchive": frozenset(),
    "admin.conversations.bulkDelete": frozenset(),
    # "failed_to_validate_channels: channel_ids was invalid." (the page has no channel_not_found)
    # (https://docs.slack.dev/reference/methods/admin.users.invite, slack-ruby/slack-api-ref
    # methods/admin/admin.users.invite.json)
    "admin.users.invite": frozenset({"failed_to_validate_channels"}),
    # "no_valid_users: None of the users passed were valid." (the pages have no user_not_found)
    # (https://docs.slack.dev/reference/methods/admin.roles.addAssignments, slack-ruby/slack-api-ref
    # methods/admin/admin.roles.addAssignments.json; .../admin.roles.removeAssignments,
    # methods/admin/admin.roles.removeAssignments.json)
    "admin.roles.addAssignments": frozenset({"no_valid_users"}),
    "admin.roles.removeAssignments": frozenset({"no_valid_users"}),
}
"""What Slack answers an unknown id for methods whose page says otherwise than ``*_not_found``."""
MISSING_ANSWERS: dict[tuple[str, str], frozenset[str]] = {
    # each method's own code for a missing argument, from its error table (slack-api-ref mirror of the
    # method page, as api_docs/slack/NOTES.md records: "Admin API" and "agents.*")
    ("admin.emoji.add", "name"): frozenset({"error_missing_name"}),
    ("admin.emoji.addAlias", "alias_for"): frozenset({"no_alias_selected"}),
    # "error_missing_name: Value passed for name is missing or empty."
    # (https://docs.slack.dev/reference/methods/admin.emoji.rename, slack-ruby/slack-api-ref
    # methods/admin/admin.emoji.rename.json)
    ("admin.emoji.rename", "name"): frozenset({"error_missing_name"}),
    ("admin.teams.create", "team_domain"): frozenset({"must_provide_team_domain"}),
    ("agents.conversations.create", "name"): frozenset({"name_or_origin_required"}),
    # "invalid_client_id: Value passed for client_id was invalid." — a client left out is no valid client
    # (https://docs.slack.dev/reference/methods/oauth.v2.exchange, slack-ruby/slack-api-ref
    # methods/oauth/oauth.v2.exchange.json; https://docs.slack.dev/reference/methods/openid.connect.token,
    # methods/openid/openid.connect.token.json)
    ("oauth.v2.exchange", "client_id"): frozenset({"invalid_client_id"}),
    ("openid.connect.token", "client_id"): frozenset({"invalid_client_id"}),
    # "invalid_name_required: The value passed for channel_name was empty."
    # (https://docs.slack.dev/reference/methods/conversations.acceptSharedInvite, slack-ruby/slack-api-ref
    # methods/conversations/conversations.acceptSharedInvite.json)
    ("conversations.acceptSharedInvite", "channel_name"): frozenset({"invalid_name_required"}),
    # "invalid_action: The user did not provid a valid action. Valid actions are 'upgrade' or 'downgrade'."
    # (https://docs.slack.dev/reference/methods/conversations.externalInvitePermissions.set, slack-ruby/slack-api-ref
    # methods/conversations/conversations.externalInvitePermissions.set.json)
    ("conversations.externalInvitePermissions.set", "action"): frozenset({"invalid_action"}),
    # "missing_query: Missing query." (https://docs.slack.dev/reference/methods/assistant.search.context,
    # slack-ruby/slack-api-ref methods/assistant/assistant.search.context.json)
    ("assistant.search.context", "query"): frozenset({"missing_query"}),
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

RETIRED_FAMILIES = ("channels.", "groups.", "im.", "mpim.")
"""Retired in 2021: Slack answers ``method_deprecated`` to every one of them, whatever the arguments
(api.slack.com/changelog/2020-01-deprecating-antecedents-to-the-conversations-api)."""
RETIRED_METHODS = frozenset({"files.upload"})
"""Sunset on 2025-11-12 in favour of files.getUploadURLExternal + files.completeUploadExternal
(docs.slack.dev changelog 2024-04 "a better way to upload files")."""
NO_AUTH = frozenset({"api.test", "oauth.access", "oauth.token", "oauth.v2.access", "oauth.v2.exchange",
                     "openid.connect.token"})  # fmt: skip
"""Methods authenticated by client id and secret (or not at all): a bad bearer token proves nothing."""
ALWAYS = ("text", "content", "filename", "timestamp")
"""Optional arguments filled whenever a method has them: without them most calls mean nothing."""
EXTRA: dict[str, tuple[str, ...]] = {
    # slack_sdk refuses these calls unless one of several optional arguments is given
    "apps_icon_set": ("url",),
    "conversations_open": ("users",),
    "conversations_acceptSharedInvite": ("invite_id",),
    "files_upload_v2": ("channel",),
    "files_completeUploadExternal": ("channel_id",),
}

_TEXT_WORDS = ("text", "title", "purpose", "topic", "description", "display_name", "markdown_text", "content",
               "query", "alt_txt", "preview_text")  # fmt: skip
VALUES: dict[str, Any] = {
    "email": "bob@example.com",
    "url": "https://example.com/twincheck",
    "image_url": "https://example.com/twincheck.png",
    "external_url": "https://example.com/twincheck",
    "join_url": "https://example.com/join",
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
}


def kind_of(name: str) -> str | None:
    """``channel_ids`` -> ``channel``; ``primary_usergroup_id`` -> ``usergroup``; ``query`` -> None."""
    base = name.removesuffix("_ids").removesuffix("_id")
    # the last word names the kind when a qualifier comes first (target_team_id, initiator_user_id)
    for candidate in (base, base.removesuffix("s"), base.rsplit("_", 1)[-1]):
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


def namer(key: str, value: Any) -> str | None:
    """The kind of id under ``key`` in a Slack answer (``channel: {id}``, ``members: ["U1"]``)."""
    singular = key.removesuffix("s")
    if isinstance(value, dict):
        return singular if singular in ID_KINDS and singular not in ("ts", "message_ts") else None
    if key in ("members", "users", "user", "user_id") and isinstance(value, str) and value[:1] in "UW":
        return "user"
    if key in ("channel", "channel_id", "channels") and isinstance(value, str) and value[:1] in "CGD":
        return "channel"
    # ``skill_id: "F1"``, ``job_id``, ``invite_ids: [...]``: the key names the kind
    base = kind_of(key) if key.endswith(("_id", "_ids")) else None
    if isinstance(value, str) and base and base not in ("ts", "message_ts", "thread_ts", "user", "channel"):
        return base
    return None

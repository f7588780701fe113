"""Slack arguments by family: what a real app sends each method, and which earlier answer an id comes from.

Three sources, in order: per-method knowledge a user of the method has (a ``home`` view for
``views.publish``, a modal and a fresh trigger for ``views.open``, one argument out of a one-of group that
slack_sdk insists on), ids that earlier answers gave (by kind; a bare ``id`` means a call in ``calls.*``
and a list row in ``slackLists.items.*``), and last the argument's schema or SDK annotation.
Trigger ids are minted by the formula the twin documents (``api_docs/slack/NOTES.md``, "Trigger ids"),
as a real app would receive them from an interaction; nothing is read from the twin's internals.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import itertools
import json
from collections.abc import Mapping
from typing import Any

_BLOCKS = [{"type": "section", "text": {"type": "mrkdwn", "text": "twingen check"}}]
_TITLE = {"type": "plain_text", "text": "Check"}
MODAL = {"type": "modal", "title": _TITLE, "blocks": _BLOCKS}
HOME = {"type": "home", "blocks": _BLOCKS}
_MARKDOWN = {"type": "markdown", "markdown": "twingen check"}
_TRIGGERS = itertools.count(1)
URL = "https://example.com/twincheck"

# family-specific kinds of generic argument names: (operation prefix, argument) -> kind of id
FAMILY_KINDS: tuple[tuple[str, str, str], ...] = (
    ("calls.", "id", "call"),
    ("slackLists.update", "id", "list"),
    ("files.comments.", "id", "comment"),
    ("admin.apps.", "request_id", "app_request"),
    ("agents.conversations.", "channel_id", "agent_channel"),
    ("agents.conversations.", "channel", "agent_channel"),
    ("admin.barriers.", "barriered_from_usergroup_ids", "usergroup+1"),
    ("admin.roles.", "entity_ids", "team"),
    ("admin.auth.policy.", "entity_ids", "user"),
    ("admin.workflows.collaborators.", "collaborator_ids", "user"),
    ("admin.conversations.restrictAccess.", "channel_id", "private_channel"),
    ("admin.conversations.restrictAccess.", "group_id", "usergroup"),
    ("apps.manifest.", "app_id", "manifest_app"),
    ("conversations.unarchive", "channel", "archived_channel"),
    ("admin.conversations.unarchive", "channel_id", "archived_channel"),
    ("conversations.close", "channel", "dm"),
    ("conversations.invite", "users", "outsider"),
    ("chat.appendStream", "ts", "stream"),
    ("chat.stopStream", "ts", "stream"),
    ("slackLists.items.", "id", "item"),
    ("slackLists.items.", "ids", "item"),
)

# what each method needs beyond ids: the values a user of the method sends (from each method's page)
FIXED: Mapping[str, Mapping[str, Any]] = {
    "views_open": {"view": MODAL, "trigger_id": "$trigger"},
    "views_push": {"view": MODAL, "trigger_id": "$trigger"},
    "views_publish": {"view": HOME},
    "views_update": {"view": MODAL, "view_id": "$view"},
    "dialog_open": {
        "trigger_id": "$trigger",
        "dialog": {
            "title": "Check",
            "callback_id": "check",
            "elements": [{"type": "text", "label": "Name", "name": "n"}],
        },
    },
    "entity_presentDetails": {"trigger_id": "$trigger"},
    "blocks_validate": {"blocks": _BLOCKS},
    "slackbot_skills_create": {"instructions": "Answer with a summary of the channel."},
    "bookmarks_add": {"type": "link", "link": "https://example.com/twincheck"},
    "calls_add": {"created_by": "$user"},
    "apps_user_connection_update": {"status": "connected"},
    "apps_user_connection_bulkUpdate": {"connected_user_ids": ["$user"]},
    "agents_sessions_setStatus": {"status": "active", "thread_ts": "$ts"},
    "agents_sessions_rename": {"thread_ts": "$ts"},
    "assistant_threads_setSuggestedPrompts": {
        "prompts": [{"title": "Check", "message": "twingen check"}],
        "thread_ts": "$ts",
    },
    "canvases_create": {"document_content": _MARKDOWN},
    "canvases_edit": {"changes": [{"operation": "insert_at_end", "document_content": _MARKDOWN}]},
    "canvases_access_set": {"user_ids": ["$user"]},
    "canvases_access_delete": {"user_ids": ["$user"]},
    "canvases_sections_lookup": {"criteria": {"contains_text": "twingen"}},
    "conversations_canvases_create": {"document_content": _MARKDOWN},
    "slackLists_access_set": {"user_ids": ["$user"]},
    "slackLists_access_delete": {"user_ids": ["$user"]},
    "workflows_featured_add": {"trigger_ids": ["Ft0TWINCHK01"]},  # any well-formed id: NOTES, workflows.featured
    "workflows_featured_remove": {"trigger_ids": ["Ft0TWINCHK01"]},
    "workflows_featured_set": {"trigger_ids": ["Ft0TWINCHK01"]},
    # Slack Connect as the seed leaves it (NOTES.md, "Slack Connect seed"): #partner-launch shared with Partner Co,
    # invites and requests from Partner Co, a second partner to disconnect
    "conversations_externalInvitePermissions_set": {
        "action": "upgrade",
        "channel": "C0PARTNER01",
        "target_team": "T0PARTNER01",
    },
    "conversations_acceptSharedInvite": {"invite_id": "I0PARTINV01", "channel_name": "twincheck-partner"},
    "conversations_declineSharedInvite": {"invite_id": "I0PARTINV02"},
    "conversations_approveSharedInvite": {"invite_id": "I0PARTINV03"},
    "conversations_requestSharedInvite_approve": {"invite_id": "I0PARTREQ01"},
    "conversations_requestSharedInvite_deny": {"invite_id": "I0PARTREQ02"},
    "team_externalTeams_disconnect": {"target_team": "T0PARTNER02"},
    "files_comments_delete": {"file": "F0SEEDFILE01", "id": "Fc0SEEDCMT01"},  # the seed's commented file
    # an invite to someone outside the workspace: a member of the channel is already_in_channel
    "conversations_inviteShared": {"emails": ["partner@example.org"]},
    "chat_appendStream": {"markdown_text": "twingen check"},
    "chat_startStream": {"recipient_team_id": "$team", "recipient_user_id": "$user"},
    "chat_stream": {"recipient_team_id": "$team", "recipient_user_id": "$user"},
    # each URL in ``unfurls`` must be in the message (chat.unfurl page); setup's message carries this one
    "chat_unfurl": {"channel": "$link_channel", "ts": "$link_ts", "unfurls": {URL: {"text": "twingen check"}}},
    # a canvas view (setup made the canvas): getCanvas/setCanvasContent read and write a canvas the channel shows
    "agents_conversations_setView": {"type": "canvas", "view_key": "twincheck-view", "canvas_id": "$agent_canvas"},
    "agents_conversations_getCanvas": {"canvas_id": "$agent_canvas"},
    "agents_conversations_setCanvasContent": {"canvas_id": "$agent_canvas"},
    "agents_conversations_removeView": {"view_key": "twincheck-view"},
    "slackLists_items_update": {"cells": [{"row_id": "$item", "column_id": "$column", "text": "twingen check"}]},
    "apps_event_authorizations_list": {"event_context": "$event_context"},
    # the workspace's own app (its app-level token names it): the app an org admin can uninstall
    "admin_apps_uninstall": {"app_id": "$own_app", "team_ids": ["$team"]},
    "admin_conversations_create": {"team_id": "$team"},  # an org-level token names the workspace
    "bots_info": {"bot": "$bot"},
    "admin_conversations_bulkSetProperties": {"property": {"exclude_from_slack_ai": True}},
    # a guest's account (only guests expire: NOTES.md "Admin API", Gina), found by setup in users.list
    "admin_users_setExpiration": {"expiration_ts": "$next_week", "user_id": "$guest"},
    "admin_users_getExpiration": {"user_id": "$guest"},
    # the workspace's own app's MCP server (admin.apps.mcp.servers.list), not a requested app's
    "admin_apps_mcp_servers_permissions_set": {"app_id": "$own_app", "server_id": "$own_mcp_server"},
    "files_remote_info": {"external_id": "twincheck-external"},
    "files_remote_update": {"external_id": "twincheck-external"},
    "files_remote_remove": {"external_id": "twincheck-external"},
    "files_remote_share": {"external_id": "twincheck-external"},
    "files_remote_add": {"external_id": "twincheck-external"},
    "admin_apps_approve": {"request_id": "$app_request"},
    "admin_apps_restrict": {"request_id": "$app_request"},
    "admin_barriers_create": {"restricted_subjects": ["im", "mpim", "call"]},
    "admin_barriers_update": {"restricted_subjects": ["im", "mpim", "call"]},
    "admin_auth_policy_getEntities": {"policy_name": "email_password"},
    "admin_auth_policy_assignEntities": {"policy_name": "email_password", "entity_type": "USER"},
    "admin_auth_policy_removeEntities": {"policy_name": "email_password", "entity_type": "USER"},
    "admin_teams_settings_setDiscoverability": {"discoverability": "open"},
    "admin_emoji_add": {"name": "twincheck_emoji"},
    "admin_emoji_addAlias": {"name": "twincheck_alias", "alias_for": "twincheck_emoji"},
    "admin_emoji_remove": {"name": "twincheck_emoji"},
    "admin_emoji_rename": {"name": "twincheck_emoji", "new_name": "twincheck_renamed"},
    "admin_users_invite": {"email": "newcomer@example.com"},
    "admin_analytics_getFile": {"type": "member", "date": "$yesterday"},
    "admin_functions_permissions_set": {"visibility": "everyone"},
    # a code made by the formula NOTES.md documents ("Seeded app"): the redirect's code, which the check cannot see
    "oauth_v2_access": {"client_id": "$client_id", "client_secret": "$client_secret", "code": "$oauth_code"},
    "oauth_access": {"client_id": "$client_id", "client_secret": "$client_secret", "code": "$oauth_code"},
    "oauth_v2_exchange": {"client_id": "$client_id", "client_secret": "$client_secret"},
    "openid_connect_token": {"client_id": "$client_id", "client_secret": "$client_secret", "code": "$oauth_code"},
    "tooling_tokens_rotate": {"refresh_token": "$refresh_token"},
    # what the seed leaves pending, as NOTES.md ("Seeded app") lists it: a workflow run's function executions
    # and the seeded app's legacy step (two executions, one open edit)
    "functions_completeSuccess": {"function_execution_id": "Fx0SEEDRUN01"},
    "functions_completeError": {"function_execution_id": "Fx0SEEDRUN02"},
    "workflows_stepCompleted": {"workflow_step_execute_id": "1000000001.916130274459.5eed5e0f0000a001"},
    "workflows_stepFailed": {"workflow_step_execute_id": "1000000002.916130274459.5eed5e0f0000a002"},
    "workflows_updateStep": {"workflow_step_edit_id": "1000000003.916130274459.5eed5e0f0000e001"},
    "apps_uninstall": {"client_id": "$client_id", "client_secret": "$client_secret"},
    "apps_connections_open": {"app_token": "$app_token"},
    # the managed app a partner platform made for Alice, not yet installed (NOTES.md, "Managed apps"); a builder
    # knows their app's id from the platform that made it
    "apps_managed_permissions_set": {"app_id": "A0MANAGED01", "permissions": "everyone"},
    # a developer sets their own app's icon: the workspace's app, which Alice made
    "apps_icon_set": {"app_id": "$own_app"},
    # the connected Salesforce org's records (NOTES.md, "Salesforce"): ids an admin reads in Salesforce
    "admin_conversations_createForObjects": {"object_id": "$sf_account", "salesforce_org_id": "$sf_org"},
    "admin_conversations_linkObjects": {"record_id": "$sf_opportunity", "salesforce_org_id": "$sf_org"},
    # unlinking needs a linked channel: the check links its channel first (admin.conversations.linkObjects)
    "admin_conversations_unlinkObjects": {"channel": "$linked_channel"},
    # clearing needs a decision to clear: the check approves the workspace's own app first (admin.apps.approve)
    "admin_apps_clearResolution": {"app_id": "$approved_app"},
    # assigning needs a workspace of the org the person is not in yet: one made by admin.teams.create
    "admin_users_assign": {"team_id": "$other_team"},
    "admin_slackbot_skills_setAutoEnabled": {"permission_type": "everyone"},  # the page's acceptable values
}

ALSO_DESTRUCTIVE = ("bulkDelete", "bulkArchive", "bulkMove", "approve", "restrict", "deny")
"""Last words that use up what other methods need, beyond the base driver's breakers."""
ALSO_MAKERS = frozenset({"agents.conversations.setView", "dnd.setSnooze"})
"""Makers whose last word does not say so: a view must be set before it is removed, a snooze before it ends."""

SETUP_READS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("admin", "usergroups_create", {"name": "Twincheck A", "handle": "twincheck-a"}),
    ("admin", "usergroups_create", {"name": "Twincheck B", "handle": "twincheck-b"}),
    ("org_admin", "admin_apps_requests_list", {}),
    ("org_admin", "admin_inviteRequests_list", {}),
    ("org_admin", "admin_roles_listAssignments", {}),
    ("org_admin", "admin_users_session_list", {}),
)
"""Calls the driver's setup makes before any method runs, and whose answers give ids (two user groups
for a barrier; the seeded app and invite requests, role assignments and sessions an org admin sees)."""

SEEDED_APP = {"client_id": "916130274459.7302521689657", "client_secret": "434f7a42b0edf0cf956a90dfd35815c9"}
"""The seeded app's OAuth client, as ``api_docs/slack/NOTES.md`` ("Seeded app") documents it."""


SALESFORCE = {
    "sf_org": "00D5e000000TwinEAA",
    "sf_account": "0015e000000AcmeQAA",
    "sf_opportunity": "0065e000000RenwQAA",
}
"""The Salesforce org connected to the seed's Enterprise org and two of its records, as ``api_docs/slack/NOTES.md``
("Salesforce") lists them: Salesforce, not Slack, holds these ids, so no Slack method lists them."""


SEEDED_REFRESH_TOKEN = "xoxe-1-68ae43ca4d6b228694b995971c1ddd7f828ed58a646a1e617ecf6ad1a02c07ac"
"""The seeded configuration token's refresh token, as ``api_docs/slack/NOTES.md`` ("Seeded app") lists it."""


def oauth_code(client_id: str, user_id: str) -> str:
    """A fresh OAuth code as the twin documents them (NOTES.md, "Seeded app"): ``TEAM.N.SIG``, TEAM the client
    id's part before the dot, SIG = sha256 hex of ``twin-slack:oauth-code:CLIENT_ID:USER_ID:N``, any N, once each."""
    n = next(_TRIGGERS)
    body = f"twin-slack:oauth-code:{client_id}:{user_id}:{n}"
    return f"{client_id.partition('.')[0]}.{n}.{hashlib.sha256(body.encode()).hexdigest()}"


def kind_in_family(op: str, name: str) -> str | None:
    return next((kind for prefix, arg, kind in FAMILY_KINDS if op.startswith(prefix) and arg == name), None)


def trigger_id(bot_token: str) -> str:
    """A fresh trigger id as the twin documents them: ``N.TEAM.SIG``, SIG = sha256("twin-slack:trigger:N.TEAM")[:32].

    TEAM is the workspace number every token of the workspace carries (``xoxb-TEAM-...``)."""
    team = bot_token.split("-")[1] if bot_token.count("-") >= 2 else "0"
    body = f"{next(_TRIGGERS)}.{team}"
    return f"{body}.{hashlib.sha256(f'twin-slack:trigger:{body}'.encode()).hexdigest()[:32]}"


def yesterday(now: float) -> str:
    """The last whole UTC day before ``now``: analytics files exist for days that have ended."""
    return datetime.datetime.fromtimestamp(now - 86400, datetime.timezone.utc).strftime("%Y-%m-%d")


def event_context(team_id: str, app_token: str, channel_id: str) -> str:
    """An ``event_context`` as event payloads carry it: ``4-`` + base64url(JSON {et, tid, aid, cid}), unpadded
    (NOTES.md, apps.event.authorizations.list). The app id is the second part of its app-level token."""
    parts = app_token.split("-")
    data = {"et": "message", "tid": team_id, "aid": parts[2] if len(parts) > 2 else "", "cid": channel_id}
    encoded = json.dumps(data, separators=(",", ":")).encode()
    return "4-" + base64.urlsafe_b64encode(encoded).decode().rstrip("=")


def is_ts(name: str) -> bool:
    return name in ("ts", "thread_ts", "message_ts", "timestamp", "oldest", "latest") or name.endswith("_ts")


def ts_shaped(seconds: float) -> str:
    """Slack's message-id shape, ``"1700000000.000100"``."""
    return f"{seconds:.6f}"

"""What the Audit Logs API's ``schemas`` and ``actions`` endpoints list.

Paraphrased from docs.slack.dev/reference/audit-logs-api/methods-actions-reference ("Actions" tables, by the
kind of entity acted on) and its "schemas" section: the object types an entry's ``entity`` can be. The twin
records a subset of these actions (``_audit.record`` callers); the list says what Slack can answer.
"""

from __future__ import annotations

from typing import Any

SCHEMAS: list[dict[str, Any]] = [
    {"type": "workspace", "workspace": {"id": "", "name": "", "domain": ""}},
    {"type": "enterprise", "enterprise": {"id": "", "name": "", "domain": ""}},
    {"type": "user", "user": {"id": "", "name": "", "email": "", "team": ""}},
    {"type": "file", "file": {"id": "", "name": "", "filetype": "", "title": ""}},
    {"type": "channel", "channel": {"id": "", "name": "", "privacy": "", "is_shared": False, "is_org_shared": False}},
    {
        "type": "app",
        "app": {"id": "", "name": "", "is_distributed": False, "is_directory_approved": False, "scopes": []},
    },
    {"type": "message", "message": {"channel": "", "team": "", "timestamp": ""}},
    {"type": "workflow", "workflow": {"id": "", "name": ""}},
    {"type": "usergroup", "usergroup": {"id": "", "name": ""}},
    {
        "type": "barrier",
        "barrier": {"id": "", "primary_usergroup": "", "barriered_from_usergroups": [], "restricted_subjects": []},
    },
]

ACTIONS: dict[str, list[str]] = {
    "workspace_or_org": [
        "workspace_created", "workspace_deleted", "organization_created", "organization_deleted",
        "organization_accepted_migration", "pref.admin_retention_override_changed",
        "pref.who_can_manage_shared_channels",
        "manual_export_started", "manual_export_completed", "corporate_exports_approved",
    ],
    "user": [
        "user_created", "user_deactivated", "user_reactivated", "role_change_to_admin", "role_change_to_owner",
        "role_change_to_user", "role_change_to_guest", "user_email_updated", "user_login", "user_login_failed",
        "user_logout", "user_session_invalidated", "user_session_reset_by_admin", "guest_created",
        "guest_deactivated", "guest_reactivated", "custom_tos_accepted",
    ],
    "file": [
        "file_downloaded", "file_uploaded", "file_public_link_created", "file_public_link_revoked", "file_shared",
        "file_deleted",
    ],
    "channel": [
        "user_channel_join", "user_channel_leave", "guest_channel_added", "guest_channel_removed",
        "public_channel_created", "private_channel_created", "public_channel_archive", "private_channel_archive",
        "public_channel_unarchive", "private_channel_unarchive", "public_channel_deleted", "private_channel_deleted",
        "channel_renamed", "channel_moved", "group_converted_to_channel", "public_channel_converted_to_private",
    ],
    "app": [
        "app_installed", "app_uninstalled", "app_scopes_expanded", "app_resources_added", "app_approved",
        "app_restricted", "app_token_preserved", "bot_token_upgraded", "bot_token_downgraded",
    ],
    "usergroup": ["subteam_created", "subteam_updated", "subteam_deleted", "subteam_members_updated"],
    "message": ["message_tombstoned", "message_restored"],
    "other": ["anomaly"],
}  # fmt: skip

"""Slack's error catalogue: every code the twin answers, with its HTTP status, what it means and where Slack says so.

``raise slack_error("channel_not_found")`` is the one way behaviour refuses a call; ``invalid_arguments(problem)``
is its shape for the one code that names the problem (``response_metadata.messages = ["[ERROR] ..."]``). Both
look the code up here: a code nobody declared raises ``UndeclaredError`` (a ``KeyError``), which a running twin
logs and answers as ``internal_error``, so a test that reaches it fails instead of an SDK seeing an invented code.
The runtime's Slack profile renders the ``VendorError``: ``{"ok": false, "error": CODE, ...details}``, HTTP 200
for nearly every code (Slack's own habit).

``message`` is a short description of the code, paraphrasing the error table on the ``source`` page: the method
page of a method the twin raises it from (``api.slack.com/methods/NAME``), or Slack's list of errors every method
shares (``api.slack.com/web#errors``). The twin never sends it: Slack's envelope carries only the code. Offline,
the 2021 Swagger (``api_docs/slack/slack_web_openapi_v2.json``) confirms 99 of these codes in the cited method's
error enum; the rest belong to methods newer than it or to enums it left short, and follow the live pages.
"""

from __future__ import annotations

from typing import Any, Literal

from ..runtime import Declared, UndeclaredError, VendorError, look_up

__all__ = [
    "CATALOGUE",
    "Declared",
    "UndeclaredError",
    "control_refusal",
    "echoed_error",
    "invalid_arguments",
    "slack_error",
]

METHODS = "https://api.slack.com/methods/"
COMMON = "https://api.slack.com/web#errors"
WEBHOOKS = "https://api.slack.com/messaging/webhooks#handling_errors"
"""Errors of incoming webhooks and ``response_url``s: plain-text answers with an HTTP status (``_webhooks``)."""
RESPONSES = "https://api.slack.com/interactivity/handling#message_responses"


def _on(method: str, message: str, status: int = 200) -> Declared:
    return Declared(status, message, METHODS + method)


def _common(message: str, status: int = 200) -> Declared:
    return Declared(status, message, COMMON)


def slack_error(code: str, **details: Any) -> VendorError:
    """Slack's error ``code`` with its declared status; ``details`` join the envelope (``needed``, ``errors``...)."""
    declared = look_up(CATALOGUE, code, "twin_slack.behaviour._errors.CATALOGUE")
    return VendorError(code, declared.status, **details)


def invalid_arguments(problem: str) -> VendorError:
    """``invalid_arguments`` naming the problem as Slack does (``missing required field: channel``)."""
    return slack_error("invalid_arguments", response_metadata={"messages": [f"[ERROR] {problem}"]})


def echoed_error(code: str, **details: Any) -> VendorError:
    """``api.test``'s ``error=CODE``: Slack fails with whatever code the caller names, so it is not looked up."""
    return VendorError(code, **details)


def control_refusal(status: Literal[400, 404], message: str) -> VendorError:
    """A refusal from one of the twin's own ``/_twin/`` endpoints: plain JSON, not a Slack error, so not declared."""
    return VendorError("bad_request" if status == 400 else "not_found", status, message)


CATALOGUE: dict[str, Declared] = {
    # -- errors every method shares (Slack lists them once); the runtime's Slack profile answers internal_error,
    # invalid_json, ratelimited (with Retry-After) and unknown_method itself, declared here so the list is whole ----
    "account_inactive": _common("Authentication token is for a deleted user or workspace."),
    "internal_error": _common("The server could not complete your operation(s) without encountering an error.", 500),
    "invalid_arguments": _common("The method was called with invalid arguments."),
    "invalid_auth": _common("Some aspect of authentication cannot be validated."),
    "invalid_json": _common("The JSON you've included in the POST body cannot be parsed."),
    "method_deprecated": _common("The method has been deprecated."),
    "missing_scope": _common("The token used is not granted the specific scope permissions required."),
    "not_allowed_token_type": _common("The token type used in this request is not allowed."),
    "not_authed": _common("No authentication token provided."),
    "ratelimited": _common("The request has been ratelimited. Refer to the Retry-After header for when to retry.", 429),
    "token_expired": _common("Authentication token has expired."),
    "unknown_method": _common("The method does not exist.", 404),
    # -- method errors, by code ------------------------------------------------------------------------------------
    "access_denied": _on(
        "apps.managed.permissions.set", "The token was not issued to a manager app that may configure this app."
    ),
    "already_archived": _on("conversations.archive", "Channel has already been archived."),
    "already_in_channel": _on("conversations.invite", "Invited user is already in the channel."),
    "already_in_team": _on("admin.users.invite", "The user is already a member of the workspace."),
    "already_in_team_invited_user": _on("admin.users.invite", "The user has already been invited to the workspace."),
    "already_pinned": _on("pins.add", "The specified item is already pinned to the channel."),
    "already_processed": _on("admin.inviteRequests.approve", "The invite request has already been processed."),
    "already_reacted": _on("reactions.add", "The specified item already has the user/reaction combination."),
    "already_starred": _on("stars.add", "The specified item has already been starred by the authenticated user."),
    "app_not_found": _on("admin.apps.config.set", "The app could not be found."),
    "app_not_managed": _on("apps.managed.permissions.set", "The app is not managed by any manager app."),
    "app_not_owned_by_manager_app": _on("apps.managed.permissions.set", "The app is managed by another manager app."),
    "app_owner_not_found": _on("apps.managed.permissions.set", "The app's owner could not be resolved for app_owner."),
    "app_restricted_org_wide": _on("admin.apps.approve", "The app is restricted across the whole organization."),
    "approval_not_found": _on("conversations.approveSharedInvite", "No pending approval exists for the invite."),
    "auth_mismatch": _on("apps.event.authorizations.list", "The event context belongs to another app."),
    "bad_client_secret": _on("oauth.v2.access", "Value passed for client_secret was invalid."),
    "bad_image": _on("users.setPhoto", "The uploaded image could not be detected as a valid image."),
    "bad_timestamp": _on("reactions.add", "Value passed for timestamp was invalid."),
    "bad_url": _on("admin.teams.create", "The team domain is not valid."),
    "barrier_already_exists": _on("admin.barriers.create", "A barrier already exists between these groups."),
    "barrier_not_found": _on("admin.barriers.update", "The barrier could not be found."),
    "barriered_from_usergroups_not_found": _on("admin.barriers.create", "A barriered-from user group was not found."),
    "bot_not_found": _on("bots.info", "Value passed for bot was invalid."),
    "bots_not_allowed": _on("admin.users.session.list", "Bot users have no sessions to list."),
    "cannot_add_bot": _on("reminders.add", "Reminders can't be sent to bots."),
    "cannot_add_others_recurring": _on("reminders.add", "Recurring reminders can't be created for other users."),
    "cannot_add_slackbot": _on("reminders.add", "Reminders can't be sent to Slackbot."),
    "cannot_complete_others": _on("reminders.complete", "Reminders for other team members can't be completed."),
    "cannot_complete_recurring": _on("reminders.complete", "Recurring reminders can't be marked complete."),
    "cannot_invalidate_primary_owner": _on(
        "admin.users.session.invalidate", "Only the primary owner can end the primary owner's sessions."
    ),
    "cannot_modify_primary_owner": _on("admin.users.remove", "The primary owner cannot be changed this way."),
    "cannot_parse": _on("reminders.add", "The phrasing of the timing for this reminder is unclear."),
    "cannot_share_mandatory_channel": _on("conversations.inviteShared", "The #general channel cannot be shared."),
    "cannot_unfurl_url": _on("chat.unfurl", "The URL does not appear in the message."),
    "cant_archive_general": _on("conversations.archive", "You cannot archive the general channel."),
    "cant_delete_file": _on("files.delete", "Authenticated user does not have permission to delete this file."),
    "cant_delete_message": _on("chat.delete", "Authenticated user does not have permission to delete this message."),
    "cant_invite": _on("conversations.invite", "User cannot be invited to this channel."),
    "cant_invite_self": _on("conversations.invite", "Authenticated user cannot invite themselves to a channel."),
    "cant_kick_from_general": _on("conversations.kick", "User cannot be removed from #general."),
    "cant_kick_self": _on("conversations.kick", "Authenticated user can't kick themselves from a channel."),
    "cant_leave_general": _on("conversations.leave", "Authenticated user cannot leave the general channel."),
    "cant_update_message": _on("chat.update", "Authenticated user does not have permission to update this message."),
    "canvas_editing_failed": _on("canvases.edit", "The canvas could not be edited as requested."),
    "canvas_not_found": _on("canvases.edit", "The canvas could not be found."),
    "channel_already_exists": _on("admin.conversations.linkObjects", "The object is linked to a different channel."),
    "channel_archived": _on("conversations.inviteShared", "The channel has been archived."),
    "channel_canvas_already_exists": _on("conversations.canvases.create", "The channel already has a canvas."),
    "channel_is_archived": _on("admin.conversations.linkObjects", "The channel has been archived."),
    "channel_is_not_private": _on(
        "admin.conversations.restrictAccess.addGroup", "IDP groups can only restrict private channels."
    ),
    "channel_not_archived": _on("admin.conversations.unarchive", "The channel is not archived."),
    "channel_not_found": _on("chat.postMessage", "Value passed for channel was invalid."),
    "channel_not_viewable": _on("agents.conversations.create", "The channel is not visible to the caller."),
    "channel_shared_with_nonapproved_team": _on(
        "admin.conversations.linkObjects", "The channel is shared with a non-approved external team."
    ),
    "channel_type_not_supported": _on("admin.conversations.archive", "This type of channel is not supported."),
    "client_id_token_mismatch": _on("apps.uninstall", "The client_id does not match the token's app."),
    "column_id_not_provided": _on("slackLists.items.create", "A cell is missing its column_id."),
    "comment_not_found": _on("files.comments.delete", "The file comment could not be found."),
    "content_too_large": _on("agents.conversations.setView", "The content is too large."),
    "context_channel_not_found": _on(
        "assistant.search.context", "context_channel_id is invalid or not visible to the user."
    ),
    "could_not_set_channel_pref": _on("admin.conversations.setConversationPrefs", "Could not set the channel pref."),
    "discoverability_setting_invalid": _on("admin.teams.create", "The discoverability setting is not valid."),
    "domain_taken": _on("admin.teams.create", "The team domain is already taken."),
    "duplicate_external_id": _on("views.open", "The external_id is already used by another view."),
    "duplicated_item_not_found": _on("slackLists.items.create", "The item to duplicate could not be found."),
    "emoji_not_found": _on("admin.emoji.remove", "The emoji could not be found."),
    "enterprise_not_found": _on("admin.apps.uninstall", "The enterprise could not be found."),
    "enterprise_only_feature": _on(
        "apps.managed.permissions.set", "App permissions are only available on Enterprise Grid plans."
    ),
    "entity_not_found": _on("admin.auth.policy.assignEntities", "An entity could not be found."),
    "error_adding_collaborators": _on("admin.workflows.collaborators.add", "Collaborators could not be added."),
    "error_bad_format": _on("apps.icon.set", "The icon must be a valid image file."),
    "error_bad_name_i18n": _on("admin.emoji.add", "The emoji name is not valid."),
    "error_bad_upload": _on("admin.emoji.add", "The emoji image could not be uploaded."),
    "error_invalid_alias": _on("admin.emoji.addAlias", "The emoji to alias does not exist."),
    "error_invalid_emoji_to_rename": _on("admin.emoji.rename", "The emoji to rename does not exist."),
    "error_missing_name": _on("admin.emoji.add", "The emoji name is missing."),
    "error_modifying_workflows": _on("workflows.featured.add", "The featured workflows could not be changed."),
    "error_name_taken": _on("admin.emoji.addAlias", "The emoji name is already taken."),
    "error_name_taken_i18n": _on("admin.emoji.add", "The emoji name is already taken by a standard emoji."),
    "error_removing_collaborators": _on("admin.workflows.collaborators.remove", "Collaborators could not be removed."),
    "error_unpublishing_workflows": _on("admin.workflows.unpublish", "The workflows could not be unpublished."),
    "exchanged_trigger_id": _on("views.open", "The trigger_id was already exchanged in a previous call."),
    "execution_not_in_running_state": _on("functions.completeSuccess", "The function execution is not running."),
    "expired_trigger_id": _on("views.open", "The trigger_id is expired."),
    "external_channel_migrating": _on(
        "admin.conversations.convertToPrivate", "The channel is shared externally and cannot be converted."
    ),
    "failed_for_some_users": _on("admin.conversations.invite", "The invite failed for some of the users."),
    "failed_to_validate_channels": _on("admin.users.invite", "The channel_ids could not be validated."),
    "failed_to_validate_expiration": _on("admin.users.setExpiration", "The expiration date is not in the future."),
    "failure_removing_emoji": _on("admin.emoji.remove", "The emoji could not be removed."),
    "file_comment_not_found": _on("stars.add", "File comment specified by file_comment does not exist."),
    "file_deleted": _on("files.info", "The requested file has been deleted."),
    "file_not_found": _on("files.info", "Value passed for file was invalid."),
    "file_not_yet_available": _on("admin.analytics.getFile", "The analytics file is not yet available."),
    "file_size_too_large": _on("files.getUploadURLExternal", "The file is too large to upload."),
    "function_execution_not_found": _on("functions.completeSuccess", "The function execution could not be found."),
    "function_not_found": _on("admin.functions.permissions.set", "The function could not be found."),
    "group_already_linked_to_channel": _on(
        "admin.conversations.restrictAccess.addGroup", "The IDP group is already linked to the channel."
    ),
    "group_not_found": _on("admin.conversations.restrictAccess.addGroup", "The IDP group could not be found."),
    "handle_already_exists": _on("usergroups.create", "The handle is already used by a user group or a user."),
    "hash_conflict": _on("views.update", "The view was updated since the hash was read."),
    "inactive_call": _on("calls.end", "The call has already ended."),
    "invalid_action": _on("conversations.externalInvitePermissions.set", "The action is not valid."),
    "invalid_action_token": _on("assistant.search.context", "The action_token provided is not valid."),
    "invalid_app": _on("apps.icon.set", "The app does not exist."),
    "invalid_app_id": _on("apps.manifest.delete", "The app_id is not valid."),
    "invalid_attachments": _on("chat.postMessage", "The attachments were invalid."),
    "invalid_blocks": _on("chat.postMessage", "Blocks submitted with this message are not valid."),
    "invalid_bookmark_type": _on("bookmarks.add", "The bookmark type is not valid."),
    "invalid_call_id": _on("calls.info", "The call id is not valid."),
    "invalid_channel": _on("admin.conversations.restrictAccess.removeGroup", "The channel is not valid here."),
    "invalid_channel_type": _on("conversations.inviteShared", "This type of conversation cannot be shared."),
    "invalid_channels_limit": _on("admin.usergroups.addChannels", "Too many channels for the user group."),
    "invalid_chunks": _on("chat.appendStream", "Value passed for chunks is not valid JSON."),
    "invalid_client_id": _on("oauth.v2.access", "Value passed for client_id was invalid."),
    "invalid_code": _on("oauth.v2.access", "Value passed for code was invalid."),
    "invalid_column_id": _on("slackLists.items.create", "The column_id is not a column of the list."),
    "invalid_column_type": _on("slackLists.create", "A column's type is not valid."),
    "invalid_copy_and_schema_args": _on("slackLists.create", "A list cannot be both copied and given a schema."),
    "invalid_created_by": _on("calls.add", "The created_by user is not valid."),
    "invalid_cursor": _on("conversations.members", "Value passed for cursor was not valid or is no longer valid."),
    "invalid_date": _on("admin.analytics.getFile", "The date is not valid."),
    "invalid_domain_restrictions": _on("admin.apps.config.set", "Value passed for domain_restrictions is not valid."),
    "invalid_duration": _on("admin.conversations.setCustomRetention", "The retention duration is not valid."),
    "invalid_email": _on("admin.users.invite", "The email address is not valid."),
    "invalid_emoji": _on("bookmarks.add", "The emoji is not valid."),
    "invalid_event_context": _on("apps.event.authorizations.list", "The event_context is not valid."),
    "invalid_files": _on("files.completeUploadExternal", "Value passed for files is not valid JSON."),
    "invalid_handle": _on("usergroups.create", "The handle is not valid."),
    "invalid_icon_size": _on("apps.icon.set", "Icon dimensions must be between 512x512px and 2000x2000px."),
    "invalid_input_type": _on("slackLists.items.create", "A cell's value does not fit its column."),
    "invalid_limit": _on("admin.teams.list", "Value passed for limit is not valid."),
    "invalid_link": _on("bookmarks.add", "The link is not valid."),
    "invalid_manifest": _on("apps.manifest.validate", "The manifest is not valid."),
    "invalid_message": _on("blocks.validate", "The message is not valid."),
    "invalid_metadata": _on("chat.stopStream", "The metadata is not valid."),
    "invalid_name": _on("conversations.create", "Value passed for name was invalid."),
    "invalid_name_maxlength": _on("conversations.create", "Value passed for name exceeded max length."),
    "invalid_name_punctuation": _on("conversations.create", "Value passed for name contained only punctuation."),
    "invalid_name_required": _on("conversations.create", "Value passed for name was empty."),
    "invalid_name_specials": _on(
        "conversations.create", "Value passed for name contained unallowed special characters or upper case characters."
    ),
    "invalid_org_id": _on("admin.conversations.createForObjects", "The Salesforce org id is not valid."),
    "invalid_origin_link": _on("agents.conversations.create", "The origin link is not a message link."),
    "invalid_parameters": _on("apps.icon.set", "Only one of url or file can be given."),
    "invalid_prefs": _on("admin.conversations.setConversationPrefs", "Value passed for prefs is not valid JSON."),
    "invalid_presence": _on("users.setPresence", "Value passed for presence was invalid."),
    "invalid_primary_column": _on("slackLists.create", "The schema needs exactly one primary column."),
    "invalid_profile": _on("users.profile.set", "Profile object passed in is not valid JSON."),
    "invalid_refresh_token": _on("oauth.v2.access", "The refresh_token is not valid."),
    "invalid_request": _on("admin.inviteRequests.approve", "The invite request is not valid."),
    "invalid_request_id": _on("admin.apps.approve", "The request_id is not valid."),
    "invalid_restricted_subjects": _on("admin.barriers.create", "restricted_subjects must be im, mpim and call."),
    "invalid_role_id": _on("admin.roles.addAssignments", "The role_id is not valid."),
    "invalid_row_id": _on("slackLists.items.update", "The row_id is not an item of the list."),
    "invalid_scheduled_message_id": _on(
        "chat.deleteScheduledMessage", "The scheduled_message_id passed is invalid, sent or deleted."
    ),
    "invalid_schema": _on("slackLists.create", "The schema is not valid."),
    "invalid_search_channel_type": _on("admin.conversations.search", "The search channel type is not valid."),
    "invalid_sort": _on("admin.conversations.search", "The sort field is not valid."),
    "invalid_sort_dir": _on("admin.conversations.search", "The sort direction is not valid."),
    "invalid_start_time": _on("calls.add", "The date_start is not valid."),
    "invalid_status": _on("agents.sessions.setStatus", "The status is not valid."),
    "invalid_target_team": _on("conversations.externalInvitePermissions.set", "The target team is not valid."),
    "invalid_team_ids": _on("admin.usergroups.addTeams", "Some team ids are not valid."),
    "invalid_time": _on("chat.scheduleMessage", "Value passed for post_at was invalid."),
    "invalid_timestamp": _on("conversations.mark", "Value passed for timestamp was invalid."),
    "invalid_token": _on("oauth.v2.exchange", "The token cannot be exchanged."),
    "invalid_trigger": _on("dialog.open", "The trigger_id was invalid."),
    "invalid_ts_latest": _on("conversations.history", "Value passed for latest was invalid."),
    "invalid_ts_oldest": _on("conversations.history", "Value passed for oldest was invalid."),
    "invalid_type": _on("admin.analytics.getFile", "The analytics type is not valid."),
    "invalid_types": _on(
        "users.conversations", "Value passed for type could not be used based on the method's scopes."
    ),
    "invalid_unfurls": _on("chat.unfurl", "Value passed for unfurls is not valid JSON."),
    "invalid_unfurls_format": _on("chat.unfurl", "The unfurls are not an object of URLs to attachments."),
    "invalid_url": _on("admin.teams.settings.setIcon", "The image_url is not valid."),
    "invalid_users": _on("usergroups.users.update", "Value passed for users was invalid."),
    "invalid_view": _on("blocks.validate", "The view is not valid."),
    "invalid_view_type": _on("agents.conversations.setView", "The view type is not valid."),
    "invalid_visibility": _on("admin.functions.permissions.set", "The visibility is not valid."),
    "invite_from_same_org": _on("conversations.acceptSharedInvite", "The invite comes from the same organization."),
    "invite_not_found": _on("conversations.acceptSharedInvite", "The invite could not be found."),
    "invite_used": _on("conversations.acceptSharedInvite", "The invite has already been used."),
    "is_archived": _on("chat.postMessage", "Channel has been archived."),
    "job_not_found": _on("slackLists.download.get", "The download job could not be found."),
    "last_member": _on("conversations.leave", "Authenticated user is the last member of a channel."),
    "link_not_found": _on("admin.conversations.restrictAccess.removeGroup", "The group is not linked to the channel."),
    "list_not_found": _on("slackLists.update", "The list could not be found."),
    "manager_app_not_eligible": _on(
        "apps.managed.permissions.set", "The manager app is not eligible to configure app permissions."
    ),
    "message_not_found": _on("chat.update", "No message exists with the requested timestamp."),
    "message_not_in_streaming_state": _on("chat.appendStream", "The message is not being streamed."),
    "metadata_not_available": _on("admin.analytics.getFile", "Metadata is only available for public channels."),
    "metadata_only_does_not_support_date": _on("admin.analytics.getFile", "metadata_only takes no date."),
    "method_not_supported_for_channel_type": _on(
        "conversations.archive", "This type of conversation cannot be used with this method."
    ),
    "missing_arguments": _on("apps.icon.set", "One of url or file must be given."),
    "missing_dialog": _on("dialog.open", "No dialog was provided."),
    "missing_duration": _on("dnd.setSnooze", "No value provided for num_minutes."),
    "missing_query": _on("assistant.search.context", "No query was given."),
    "missing_recipient_team_id": _on("chat.startStream", "recipient_team_id is required."),
    "missing_recipient_user_id": _on("chat.startStream", "recipient_user_id is required."),
    "missing_record_channel_config": _on(
        "admin.conversations.createForObjects", "Record channels are not enabled for the object type."
    ),
    "missing_required_arg": _on("agents.conversations.setView", "A required argument is missing."),
    "missing_team": _on("admin.users.session.list", "A user_id needs a team_id."),
    "missing_trigger": _on("dialog.open", "No trigger_id was provided."),
    "missing_unfurls": _on("chat.unfurl", "Missing unfurls."),
    "missing_user": _on("admin.users.session.list", "A team_id needs a user_id."),
    "msg_too_long": _on("chat.postMessage", "Message text is too long."),
    "must_provide_team_domain": _on("admin.teams.create", "The team domain is required."),
    "must_provide_team_name": _on("admin.teams.create", "The team name is required."),
    "name_already_exists": _on("usergroups.create", "A user group with this name already exists."),
    "name_or_origin_required": _on("agents.conversations.create", "A name or an origin is required."),
    "name_taken": _on("conversations.create", "A channel cannot be created with the given name."),
    "name_taken_in_org": _on("admin.teams.create", "The team name is already taken in the organization."),
    "no_alias_selected": _on("admin.emoji.addAlias", "No emoji to alias was given."),
    "no_image_uploaded": _on("admin.emoji.add", "No image was given."),
    "no_item_specified": _on("reactions.add", "file, file_comment, or combination of channel and timestamp missing."),
    "no_permission": _on("apps.icon.set", "The user does not have the permissions the app requires."),
    "no_pin": _on("pins.remove", "The specified item is not pinned to the channel."),
    "no_reaction": _on("reactions.remove", "The specified item does not have the user/reaction combination."),
    "no_resolution_found": _on("admin.apps.clearResolution", "The app has no resolution to clear."),
    "no_such_subteam": _on("usergroups.update", "The user group could not be found."),
    "no_team_ids_given": _on("admin.usergroups.addTeams", "No team ids were given."),
    "no_text": _on("chat.postMessage", "No message text provided."),
    "no_user": _on("conversations.invite", "No value was passed for users."),
    "no_valid_channels": _on("admin.conversations.bulkMove", "All input channels are invalid."),
    "no_valid_entities": _on("admin.roles.addAssignments", "None of the entities is valid."),
    "no_valid_users": _on("admin.roles.addAssignments", "None of the users is valid."),
    "not_admin": _on("users.profile.set", "Only admins can change the profile of other users."),
    "not_agent_channel": _on("agents.conversations.archive", "The channel is not an agent conversation."),
    "not_an_admin": _on("admin.conversations.delete", "This method is only accessible by org owners and admins."),
    "not_an_enterprise": _on("admin.conversations.disconnectShared", "This workspace is not part of an enterprise."),
    "not_archived": _on("conversations.unarchive", "Channel is not archived."),
    "not_authorized": _on("conversations.rename", "The caller is not authorized for this channel."),
    "not_enterprise_team": _on("migration.exchange", "The team is not part of an enterprise."),
    "not_found": _on("reminders.info", "That reminder can't be found."),
    "not_in_channel": _on("chat.postMessage", "Cannot post user messages to a channel they are not in."),
    "not_paid": _on("conversations.inviteShared", "The workspace is not on a paid plan."),
    "not_starred": _on("stars.remove", "The specified item is not currently starred by the authenticated user."),
    "not_supported": _on("admin.conversations.disconnectShared", "This channel does not support the operation."),
    "not_view_owner": _on("agents.conversations.setView", "The view belongs to another user."),
    "over_column_maximum": _on("slackLists.create", "A list has at most 30 columns."),
    "over_pagination_limit": _on("team.accessLogs", "It is not possible to request more than 100 pages."),
    "over_row_maximum": _on("slackLists.items.create", "The list holds its maximum of rows."),
    "over_title_length_maximum": _on("slackLists.create", "The list title is too long."),
    "paid_only": _on("team.accessLogs", "This is only available to paid teams."),
    "paid_teams_only": _on("usergroups.create", "Usergroups can only be used on paid Slack teams."),
    "permission_denied": _on("usergroups.users.update", "The user does not have permission for this operation."),
    "policy_not_found": _on("admin.auth.policy.getEntities", "The policy could not be found."),
    "primary_usergroup_not_found": _on("admin.barriers.create", "The primary user group could not be found."),
    "property_not_allowed": _on("admin.conversations.bulkSetProperties", "The property cannot be set."),
    "push_limit_reached": _on("views.push", "At most 3 views can be pushed onto a modal's stack."),
    "recipients_not_specified": _on("conversations.inviteShared", "Neither emails nor user_ids were given."),
    "record_channel_already_exists": _on(
        "admin.conversations.linkObjects", "The record is linked to a different channel."
    ),
    "record_not_found": _on("slackLists.items.info", "The record could not be found."),
    "request_id_or_app_id_is_required": _on("admin.apps.approve", "Either request_id or app_id is required."),
    "restricted_action": _on("admin.conversations.invite", "The workspace's settings prevent this action."),
    "row_id_not_provided": _on("slackLists.items.update", "A row_id is required."),
    "server_not_found": _on("admin.apps.mcp.servers.permissions.set", "The MCP server could not be found."),
    "session_not_found": _on("admin.users.session.invalidate", "The session could not be found."),
    "skill_not_found": _on("slackbot.skills.info", "The skill could not be found."),
    "snooze_not_active": _on("dnd.endSnooze", "Snooze is not active for this user and cannot be ended."),
    "specify_enterprise_or_teams": _on("admin.apps.uninstall", "Give either enterprise_id or team_ids."),
    "target_team_not_found": _on("admin.conversations.setTeams", "The target team could not be found."),
    "target_team_not_on_org": _on("admin.users.getExpiration", "The target team is not part of the organization."),
    "team_id_or_org_required": _on("admin.conversations.create", "team_id or org_wide is required."),
    "team_not_found": _on("admin.conversations.create", "The team could not be found."),
    "teams_not_found": _on("admin.apps.uninstall", "Some of the teams could not be found."),
    "thread_not_found": _on("conversations.replies", "Value for ts was missing or invalid."),
    "thread_ts_not_allowed": _on("agents.sessions.setStatus", "An agent conversation takes no thread_ts."),
    "thread_ts_required": _on("agents.sessions.setStatus", "thread_ts is required outside agent conversations."),
    "time_in_past": _on("chat.scheduleMessage", "The post_at value is in the past."),
    "time_too_far": _on("chat.scheduleMessage", "The post_at value is too far in the future."),
    "token_already_exchanged": _on("oauth.v2.exchange", "The token has already been exchanged."),
    "token_rotation_not_enabled": _on("oauth.v2.exchange", "The app does not have token rotation enabled."),
    "too_large": _on("users.setPhoto", "The uploaded image had excessive dimensions."),
    "too_long": _on("conversations.setTopic", "Topic was longer than 250 characters."),
    "too_many_attachments": _on("chat.postMessage", "Too many attachments were provided with this message."),
    "too_many_bookmarks": _on("bookmarks.add", "The channel has its maximum of bookmarks."),
    "too_many_entities": _on("admin.roles.addAssignments", "Too many entities were given."),
    "too_many_ids_provided": _on("admin.apps.approve", "Give either request_id or app_id, not both."),
    "too_many_properties": _on("admin.conversations.bulkSetProperties", "Only one property can be set at a time."),
    "too_many_teams": _on("admin.apps.uninstall", "Too many team_ids were given."),
    "too_many_teams_provided": _on("admin.apps.approve", "Give either team_id or enterprise_id, not both."),
    "too_many_users": _on("conversations.open", "Too many users provided."),
    "too_many_views": _on("agents.conversations.setView", "The conversation has its maximum of views."),
    "trigger_exchanged": _on("dialog.open", "Trigger ID has already been used."),
    "trigger_expired": _on("dialog.open", "Trigger ID is expired."),
    "unable_to_open_file": _on("apps.icon.set", "The icon could not be opened."),
    "user_already_deleted": _on("admin.users.remove", "The user has already been deactivated."),
    "user_already_team_member": _on("admin.users.assign", "The user is already a member of the workspace."),
    "user_disabled": _on("conversations.open", "The user has been disabled."),
    "user_is_already_deleted": _on("admin.users.setExpiration", "The user has already been deactivated."),
    "user_is_bot": _on("admin.users.setAdmin", "This method cannot be called for a bot user."),
    "user_is_not_a_guest": _on("admin.users.setExpiration", "Only guests can be given an expiration."),
    "user_is_not_guest": _on("admin.users.getExpiration", "Only guests have an expiration."),
    "user_not_found": _on("users.info", "Value passed for user was invalid."),
    "user_not_in_channel": _on("chat.postEphemeral", "Intended recipient is not in the specified channel."),
    "user_not_visible": _on("dnd.teamInfo", "The calling user is restricted from seeing the requested user."),
    "usergroup_not_found": _on("admin.usergroups.addChannels", "The user group could not be found."),
    "users_list_not_supplied": _on("conversations.open", "Missing users in request."),
    "users_not_found": _on("users.lookupByEmail", "No user was found with the given email."),
    "validation_errors": _on("dialog.open", "The dialog could not be created because it has validation errors."),
    "view_not_found": _on("agents.conversations.removeView", "The view could not be found."),
    # -- message metadata (chat.postMessage, chat.update, chat.scheduleMessage) -------------------------------------
    "invalid_metadata_format": _on("chat.postMessage", "Invalid metadata format provided."),
    "invalid_metadata_schema": _on("chat.postMessage", "Invalid metadata schema provided."),
    "metadata_must_be_sent_from_app": _on("chat.postMessage", "Message metadata can only be posted by an app."),
    "metadata_too_large": _on("chat.postMessage", "Metadata exceeds the size limit."),
    # -- incoming webhooks and response_urls: their HTTP status is the answer's (no_text, channel_not_found,
    # channel_is_archived... are shared with the Web API above; _webhooks gives them the webhook statuses) ----------
    "action_prohibited": Declared(403, "An admin has restricted posting to this channel.", WEBHOOKS),
    "expired_url": Declared(404, "The response_url is older than 30 minutes.", RESPONSES),
    "invalid_payload": Declared(400, "The data sent in the request is malformed or missing.", WEBHOOKS),
    "no_service": Declared(404, "The webhook is disabled, removed or invalid.", WEBHOOKS),
    "no_team": Declared(400, "The workspace in the webhook URL is missing or invalid.", WEBHOOKS),
    "posting_to_general_channel_denied": Declared(403, "Only admins may post to #general.", WEBHOOKS),
    "used_url": Declared(404, "The response_url was used 5 times already.", RESPONSES),
}
"""Every Slack error code the twin raises, by code."""

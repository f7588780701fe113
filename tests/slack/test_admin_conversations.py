"""An org admin manages channels through ``admin.conversations.*`` (slack_sdk over HTTP), on the same channels
the workspace methods show; tokens without the Admin API's scope are refused as Slack refuses them."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from .conftest import Twin


def error_of(call: object, **kwargs: object) -> dict[str, object]:
    with pytest.raises(SlackApiError) as caught:
        call(**kwargs)  # type: ignore[operator]
    return dict(caught.value.response.data)


def _team(org: WebClient) -> str:
    return str(org.auth_test()["team_id"])


def test_only_an_org_admin_token_reaches_the_admin_api(twin: Twin) -> None:
    assert error_of(twin.client("bot").admin_conversations_search)["error"] == "not_allowed_token_type"
    for name in ("user", "admin"):  # a workspace admin's token still lacks the org-level admin scopes
        answer = error_of(twin.client(name).admin_conversations_search)
        assert answer["error"] == "missing_scope" and answer["needed"] == "admin.conversations:read"
        assert "admin.conversations:read" not in str(answer["provided"]).split(",")
    assert twin.client("org_admin").admin_conversations_search()["ok"] is True


def test_admin_creates_renames_converts_archives_and_deletes_a_channel(twin: Twin) -> None:
    org, alice = twin.client("org_admin"), twin.client("admin")
    team_id = _team(org)
    assert error_of(org.admin_conversations_create, name="ops", is_private=False)["error"] == "team_id_or_org_required"
    assert error_of(org.admin_conversations_create, name="Bad Name", is_private=False, team_id=team_id)["error"] == (
        "invalid_name"
    )
    assert error_of(org.admin_conversations_create, name="general", is_private=False, team_id=team_id)["error"] == (
        "name_taken"
    )
    created = org.admin_conversations_create(name="ops", is_private=False, team_id=team_id, description="Ops talk")
    channel = created["channel_id"]
    assert channel.startswith("C")

    # the workspace sees the channel the admin made (a public channel is visible to everyone)
    info = alice.conversations_info(channel=channel)["channel"]
    assert info["name"] == "ops" and info["purpose"]["value"] == "Ops talk" and info["is_member"] is False

    org.admin_conversations_rename(channel_id=channel, name="ops-team")
    assert alice.conversations_info(channel=channel)["channel"]["name"] == "ops-team"

    org.admin_conversations_convertToPrivate(channel_id=channel)
    assert error_of(org.admin_conversations_convertToPrivate, channel_id=channel)["error"] == (
        "method_not_supported_for_channel_type"
    )
    # now private and Alice is not in it: to her it does not exist
    assert error_of(alice.conversations_info, channel=channel)["error"] == "channel_not_found"
    org.admin_conversations_convertToPublic(channel_id=channel)
    assert error_of(org.admin_conversations_convertToPublic, channel_id=channel)["error"] == "not_supported"

    org.admin_conversations_archive(channel_id=channel)
    assert alice.conversations_info(channel=channel)["channel"]["is_archived"] is True
    assert error_of(org.admin_conversations_archive, channel_id=channel)["error"] == "already_archived"
    org.admin_conversations_unarchive(channel_id=channel)
    assert error_of(org.admin_conversations_unarchive, channel_id=channel)["error"] == "channel_not_archived"

    org.admin_conversations_delete(channel_id=channel)
    assert error_of(alice.conversations_info, channel=channel)["error"] == "channel_not_found"
    assert error_of(org.admin_conversations_delete, channel_id=channel)["error"] == "channel_not_found"


def test_general_cannot_be_archived_deleted_or_converted(twin: Twin) -> None:
    org = twin.client("org_admin")
    general = next(c["id"] for c in org.conversations_list()["channels"] if c["is_general"])
    assert error_of(org.admin_conversations_archive, channel_id=general)["error"] == "cant_archive_general"
    assert error_of(org.admin_conversations_delete, channel_id=general)["error"] == "channel_type_not_supported"
    assert error_of(org.admin_conversations_convertToPrivate, channel_id=general)["error"] == (
        "channel_type_not_supported"
    )


def test_invite_search_teams_and_lookup(twin: Twin) -> None:
    org, bob = twin.client("org_admin"), twin.client("user")
    team_id = _team(org)
    channel = org.admin_conversations_create(name="launch", is_private=True, team_id=team_id)["channel_id"]
    bob_id = bob.auth_test()["user_id"]
    answer = error_of(org.admin_conversations_invite, channel_id=channel, user_ids=[bob_id, "U0NOBODY00"])
    assert answer["error"] == "failed_for_some_users" and answer["failed_user_ids"] == {"U0NOBODY00": "user_not_found"}
    # the partial answer still added Bob, who can now read the private channel
    assert bob.conversations_info(channel=channel)["channel"]["is_member"] is True
    history = bob.conversations_history(channel=channel)["messages"]
    assert history[0]["subtype"] == "channel_join" and history[0]["inviter"] == org.auth_test()["user_id"]

    found = org.admin_conversations_search(query="laun", search_channel_types=["private"])
    assert [c["id"] for c in found["conversations"]] == [channel]
    row = found["conversations"][0]
    assert row["member_count"] == 1 and row["is_private"] is True and found["next_cursor"] == ""
    assert found["total_count"] == 1
    assert error_of(org.admin_conversations_search, sort="loudest")["error"] == "invalid_sort"
    assert error_of(org.admin_conversations_search, search_channel_types=["noisy"])["error"] == (
        "invalid_search_channel_type"
    )

    assert org.admin_conversations_getTeams(channel_id=channel)["team_ids"] == [team_id]
    other = org.admin_teams_create(team_domain="twin-labs", team_name="Twin Labs")["team"]
    org.admin_conversations_setTeams(channel_id=channel, team_id=team_id, target_team_ids=[team_id, other])
    assert set(org.admin_conversations_getTeams(channel_id=channel)["team_ids"]) == {team_id, other}
    assert error_of(org.admin_conversations_disconnectShared, channel_id=channel)["error"] == "not_supported"

    # no message since "now + 1 day": every channel of the workspace is quiet enough
    quiet = org.admin_conversations_lookup(team_ids=[team_id], last_message_activity_before=2_000_000_000)
    assert channel in quiet["channel_ids"] and quiet["response_metadata"]["next_cursor"] == ""
    assert org.admin_conversations_lookup(team_ids=[team_id], last_message_activity_before=1)["channel_ids"] == []


def test_prefs_retention_and_restricted_access(twin: Twin) -> None:
    org, alice = twin.client("org_admin"), twin.client("admin")
    team_id = _team(org)
    channel = org.admin_conversations_create(name="board", is_private=True, team_id=team_id)["channel_id"]

    org.admin_conversations_setConversationPrefs(channel_id=channel, prefs={"who_can_post": "type:admin,user:U1"})
    prefs = org.admin_conversations_getConversationPrefs(channel_id=channel)["prefs"]
    assert prefs["who_can_post"] == {"type": ["admin"], "user": ["U1"]}
    assert prefs["can_thread"] == {"type": [], "user": []}

    assert org.admin_conversations_getCustomRetention(channel_id=channel).data == {
        "ok": True,
        "is_policy_enabled": False,
        "duration_days": 0,
    }
    org.admin_conversations_setCustomRetention(channel_id=channel, duration_days=30)
    assert org.admin_conversations_getCustomRetention(channel_id=channel)["duration_days"] == 30
    assert error_of(org.admin_conversations_setCustomRetention, channel_id=channel, duration_days=0)["error"] == (
        "invalid_duration"
    )
    org.admin_conversations_removeCustomRetention(channel_id=channel)
    assert org.admin_conversations_getCustomRetention(channel_id=channel)["is_policy_enabled"] is False

    group = alice.usergroups_create(name="Board members", handle="board")["usergroup"]["id"]
    org.admin_conversations_restrictAccess_addGroup(channel_id=channel, group_id=group, team_id=team_id)
    assert org.admin_conversations_restrictAccess_listGroups(channel_id=channel)["group_ids"] == [group]
    assert (
        error_of(org.admin_conversations_restrictAccess_addGroup, channel_id=channel, group_id=group, team_id=team_id)[
            "error"
        ]
        == "group_already_linked_to_channel"
    )
    org.admin_conversations_restrictAccess_removeGroup(channel_id=channel, group_id=group, team_id=team_id)
    assert org.admin_conversations_restrictAccess_listGroups(channel_id=channel)["group_ids"] == []
    assert (
        error_of(
            org.admin_conversations_restrictAccess_removeGroup, channel_id=channel, group_id=group, team_id=team_id
        )["error"]
        == "link_not_found"
    )
    public = org.admin_conversations_create(name="town-hall", is_private=False, team_id=team_id)["channel_id"]
    assert error_of(org.admin_conversations_restrictAccess_addGroup, channel_id=public, group_id=group)["error"] == (
        "channel_is_not_private"
    )


def test_bulk_actions_answer_a_bulk_action_id_and_name_what_they_skipped(twin: Twin) -> None:
    org, alice = twin.client("org_admin"), twin.client("admin")
    team_id = _team(org)
    first = org.admin_conversations_create(name="old-1", is_private=False, team_id=team_id)["channel_id"]
    second = org.admin_conversations_create(name="old-2", is_private=False, team_id=team_id)["channel_id"]
    archived = org.admin_conversations_bulkArchive(channel_ids=[first, "C0NOTHERE00"])
    assert archived["bulk_action_id"].startswith("Ab")
    assert archived["not_added"] == [{"channel_id": "C0NOTHERE00", "error": "invalid_channel"}]
    assert alice.conversations_info(channel=first)["channel"]["is_archived"] is True
    # bulkDelete's page has no no_valid_channels (bulkMove's has): unknown channels are named, nothing is deleted
    none_valid = org.admin_conversations_bulkDelete(channel_ids=["C0NOTHERE00"])
    assert none_valid["not_added"] == [{"channel_id": "C0NOTHERE00", "error": "invalid_channel"}]
    assert error_of(org.admin_conversations_bulkMove, channel_ids=["C0NOTHERE00"], target_team_id=team_id)["error"] == (
        "no_valid_channels"
    )

    org.admin_conversations_bulkSetProperties(channel_ids=[second], property={"exclude_from_slack_ai": True})
    assert error_of(org.admin_conversations_bulkSetProperties, channel_ids=[second], property={"x": 1})["error"] == (
        "property_not_allowed"
    )
    other = org.admin_teams_create(team_domain="twin-ops", team_name="Twin Ops")["team"]
    org.admin_conversations_bulkMove(channel_ids=[second], target_team_id=other)
    assert org.admin_conversations_getTeams(channel_id=second)["team_ids"] == [other]
    assert error_of(org.admin_conversations_bulkMove, channel_ids=[second], target_team_id="T0NOPE")["error"] == (
        "target_team_not_found"
    )
    org.admin_conversations_bulkDelete(channel_ids=[first, second])
    assert error_of(alice.conversations_info, channel=second)["error"] == "channel_not_found"


def test_salesforce_channels_need_the_connected_salesforce_org(twin: Twin) -> None:
    org = twin.client("org_admin")
    answer = error_of(org.admin_conversations_createForObjects, object_id="0019000000DmehKAAR", salesforce_org_id="00D")
    assert answer["error"] == "invalid_org_id"


def test_missing_required_arguments_are_invalid_arguments(twin: Twin) -> None:
    org = twin.client("org_admin")
    answer = error_of(org.api_call, api_method="admin.conversations.archive", params={})
    assert answer["error"] == "invalid_arguments"
    assert answer["response_metadata"] == {"messages": ["[ERROR] missing required field: channel_id"]}
    # presence comes first: a missing argument is named even when another one is wrong
    params = {"policy_name": "sso", "entity_type": "USER"}
    answer = error_of(org.api_call, api_method="admin.auth.policy.assignEntities", params=params)
    assert answer["response_metadata"] == {"messages": ["[ERROR] missing required field: entity_ids"]}
    assert (
        error_of(org.api_call, api_method="admin.conversations.getTeams", params={"channel_id": "C0NOPE"})["error"]
        == "channel_not_found"
    )


def test_search_pages_with_a_top_level_next_cursor(twin: Twin) -> None:
    org = twin.client("org_admin")
    team_id = _team(org)
    made = {
        org.admin_conversations_create(name=f"proj-{n}", is_private=False, team_id=team_id)["channel_id"]
        for n in range(3)
    }
    seen = [c["id"] for page in org.admin_conversations_search(query="proj-", limit=1) for c in page["conversations"]]
    assert sorted(seen) == sorted(made)  # slack_sdk follows next_cursor; nothing repeated or dropped
    assert error_of(org.admin_conversations_search, cursor="bm90LW91cnM=")["error"] == "invalid_cursor"

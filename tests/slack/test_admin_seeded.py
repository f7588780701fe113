"""What the org holds before any call (admin_seed): Slack's built-in roles, a guest, a deployed function
and a published workflow, an MCP server; each found through the documented list methods and acted on."""

from __future__ import annotations

import httpx
import pytest
from slack_sdk.errors import SlackApiError

from .conftest import Twin


def error_of(call: object, **kwargs: object) -> str:
    with pytest.raises(SlackApiError) as caught:
        call(**kwargs)  # type: ignore[operator]
    return str(caught.value.response["error"])


def test_built_in_roles_are_listed_assigned_and_removed(twin: Twin) -> None:
    org = twin.client("org_admin")
    team_id, olivia = org.auth_test()["team_id"], org.auth_test()["user_id"]
    bob = twin.client("user").auth_test()["user_id"]
    seeded = org.admin_roles_listAssignments(sort_dir="ASC")["role_assignments"]
    alice = twin.client("admin").auth_test()["user_id"]
    general = next(c["id"] for c in org.conversations_list()["channels"] if c["is_general"])
    assert sorted((r["role_id"], r["entity_id"], r["user_id"]) for r in seeded) == [
        ("Rl01", team_id, olivia),  # Olivia is Channel Admin of the workspace
        ("Rl0A", general, alice),  # Alice is Channel Manager of #general
    ]
    role_id = next(r["role_id"] for r in seeded if r["user_id"] == olivia)  # read from the listing, as a tool would
    assert org.admin_roles_addAssignments(role_id=role_id, entity_ids=[team_id], user_ids=[bob])["ok"]
    org.admin_roles_addAssignments(role_id="Rl05", entity_ids=[team_id], user_ids=[bob])  # Conversation Admin
    mine = org.admin_roles_listAssignments(role_ids=["Rl01", "Rl05"], sort_dir="ASC")["role_assignments"]
    assert sorted((r["role_id"], r["user_id"]) for r in mine) == [("Rl01", bob), ("Rl01", olivia), ("Rl05", bob)]
    org.admin_roles_removeAssignments(role_id=role_id, entity_ids=[team_id], user_ids=[bob])
    left = org.admin_roles_listAssignments(role_ids=[role_id])["role_assignments"]
    assert [r["user_id"] for r in left] == [olivia]
    # not one of Slack's system roles, even if shaped like one
    assert error_of(org.admin_roles_addAssignments, role_id="Rl0Z", entity_ids=[team_id], user_ids=[bob]) == (
        "invalid_role_id"
    )
    assert error_of(org.admin_roles_addAssignments, role_id="Rl05", entity_ids=[team_id], user_ids=["U0NOBODY00"]) == (
        "no_valid_users"
    )


def test_the_seeded_guest_expires_and_can_be_given_more_time(twin: Twin) -> None:
    org, bob = twin.client("org_admin"), twin.client("user")
    team_id = org.auth_test()["team_id"]
    gina = next(u for u in bob.users_list()["members"] if u["name"] == "gina")
    assert gina["is_restricted"] is True and gina["is_ultra_restricted"] is False
    random = next(c for c in bob.conversations_list()["channels"] if c["name"] == "random")
    assert gina["id"] in bob.conversations_members(channel=random["id"])["members"]
    before = org.admin_users_getExpiration(user_id=gina["id"])["user"]
    assert before["id"] == gina["id"] and before["email"] == "gina@example.com" and before["is_restricted"] is True
    later = before["expiration_ts"] + 30 * 86_400
    org.admin_users_setExpiration(user_id=gina["id"], expiration_ts=later, team_id=team_id)
    assert org.admin_users_getExpiration(user_id=gina["id"])["user"]["expiration_ts"] == later


def test_the_published_workflow_and_its_function(twin: Twin) -> None:
    org = twin.client("org_admin")
    bob = twin.client("user").auth_test()["user_id"]
    olivia = org.auth_test()["user_id"]
    found = org.admin_workflows_search(query="triage", source="workflow_builder")
    assert found["total_found"] == 1 and found["response_metadata"]["next_cursor"] == ""
    workflow = found["workflows"][0]
    assert workflow["id"].startswith("Wf") and workflow["is_published"] is True
    assert workflow["collaborators"] == [olivia] and workflow["workflow_function_id"].startswith("Fn")

    functions = org.admin_functions_list(app_ids=[workflow["app_id"]])["functions"]
    assert [f["id"] for f in functions] == [workflow["steps"][0]["function_id"]]
    function_id = functions[0]["id"]
    assert functions[0]["callback_id"] == "triage_request" and functions[0]["app_id"] == workflow["app_id"]
    looked = org.admin_functions_permissions_lookup(function_ids=[function_id])
    assert looked["errors"] == {}
    assert looked["permissions"][function_id] == {
        "distribution": {"type": "everyone"},
        "allowed_entities": {"type": "everyone"},
        "allowed_by_admin": {"type": "unset"},
    }
    org.admin_functions_permissions_set(function_id=function_id, visibility="named_entities", user_ids=[bob])
    looked = org.admin_functions_permissions_lookup(function_ids=[function_id])["permissions"][function_id]
    assert looked["allowed_by_admin"] == looked["allowed_entities"] == {"type": "named_entities", "user_ids": [bob]}
    lookup = org.admin_workflows_permissions_lookup(workflow_ids=[workflow["id"], "Wf0NOPE"])["permissions"]
    assert lookup == {workflow["id"]: {"who_can_run": {"permission_type": "everyone"}, "complete": True}}
    # slack_sdk 3.47 has no step_function_ids parameter: sent as an extra argument, comma-separated
    assert org.admin_workflows_search(step_function_ids=function_id)["total_found"] == 1

    org.admin_workflows_collaborators_add(collaborator_ids=[bob], workflow_ids=[workflow["id"]])
    assert org.admin_workflows_search(collaborator_ids=[bob])["workflows"][0]["collaborators"] == [olivia, bob]
    org.admin_workflows_collaborators_remove(collaborator_ids=[bob], workflow_ids=[workflow["id"]])
    assert org.admin_workflows_search(collaborator_ids=[bob])["workflows"] == []
    assert error_of(
        org.admin_workflows_collaborators_add, collaborator_ids=[bob], workflow_ids=[workflow["id"], "Wf0NOPE"]
    ) == ("error_adding_collaborators")

    org.admin_workflows_unpublish(workflow_ids=[workflow["id"]])
    assert org.admin_workflows_search(publish_status="published")["workflows"] == []
    assert org.admin_workflows_search(publish_status="unpublished")["workflows"][0]["is_published"] is False


def test_mcp_server_permissions(twin: Twin) -> None:
    org = twin.client("org_admin")
    servers = org.admin_apps_mcp_servers_list()["servers"]
    assert len(servers) == 1 and servers[0]["permission_type"] == "everyone"
    server = servers[0]
    org.admin_apps_mcp_servers_permissions_set(
        app_id=server["app_id"], server_id=server["id"], permission_type="no_one"
    )
    listed = org.admin_apps_mcp_servers_permissions_list(app_id=server["app_id"])
    assert listed["app_id"] == server["app_id"] and listed["servers"][0]["permission_type"] == "no_one"
    assert (
        error_of(
            org.admin_apps_mcp_servers_permissions_set,
            app_id=server["app_id"],
            server_id="Ms0NOPE",
            permission_type="everyone",
        )
        == "server_not_found"
    )


def test_emoji_remove_without_a_name_is_invalid_arguments_rename_has_its_own_code(twin: Twin) -> None:
    org = twin.client("org_admin")
    # admin.emoji.remove's error table has no error_missing_name; admin.emoji.rename's has
    assert error_of(org.api_call, api_method="admin.emoji.remove", data={}) == "invalid_arguments"
    assert error_of(org.api_call, api_method="admin.emoji.rename", data={"new_name": "x"}) == "error_missing_name"


def test_the_org_is_older_than_its_workspace_so_past_days_have_analytics(twin: Twin) -> None:
    org = twin.client("org_admin")
    members = org.admin_analytics_getFile(type="member", date="2022-10-20")
    assert isinstance(members.data, bytes) and members.data[:2] == b"\x1f\x8b"  # a gzip file
    channels = org.admin_analytics_getFile(type="public_channel", date="2022-10-20")
    assert isinstance(channels.data, bytes)
    assert error_of(org.admin_analytics_getFile, type="member", date="2019-12-30") == "file_not_found"


def test_sign_in_policy_changes_answer_the_policy_count(twin: Twin) -> None:
    org = twin.client("org_admin")
    bob = twin.client("user").auth_test()["user_id"]
    before = org.admin_auth_policy_getEntities(policy_name="email_password")["entity_total_count"]
    added = org.admin_auth_policy_assignEntities(entity_ids=[bob], policy_name="email_password", entity_type="USER")
    assert added["entity_total_count"] == before + 1
    removed = org.admin_auth_policy_removeEntities(entity_ids=[bob], policy_name="email_password", entity_type="USER")
    assert removed["entity_total_count"] == before


def test_general_can_be_a_default_channel_of_an_idp_group(twin: Twin) -> None:
    org, alice = twin.client("org_admin"), twin.client("admin")
    group = alice.usergroups_create(name="Everyone here", handle="everyone-here")["usergroup"]["id"]
    general = next(c["id"] for c in org.conversations_list()["channels"] if c["is_general"])
    org.admin_usergroups_addChannels(usergroup_id=group, channel_ids=[general])
    assert [c["id"] for c in org.admin_usergroups_listChannels(usergroup_id=group)["channels"]] == [general]
    org.admin_usergroups_removeChannels(usergroup_id=group, channel_ids=[general])
    assert org.admin_usergroups_listChannels(usergroup_id=group)["channels"] == []


def test_the_identity_providers_group_takes_default_channels_and_restricts_access(twin: Twin) -> None:
    org = twin.client("org_admin")
    scim = httpx.get(f"{twin.base_url}/scim/v2/Groups", headers={"Authorization": f"Bearer {twin.tokens['org_admin']}"})
    group = scim.json()["Resources"][0]["id"]  # read as an identity provider reads it
    team_id = org.auth_test()["team_id"]
    general = next(c["id"] for c in org.conversations_list()["channels"] if c["is_general"])
    org.admin_usergroups_addChannels(usergroup_id=group, channel_ids=[general], team_id=team_id)
    assert [c["id"] for c in org.admin_usergroups_listChannels(usergroup_id=group)["channels"]] == [general]
    org.admin_usergroups_addTeams(usergroup_id=group, team_ids=[team_id])
    private = twin.client("admin").conversations_create(name="leads", is_private=True)["channel"]["id"]
    org.admin_conversations_restrictAccess_addGroup(channel_id=private, group_id=group, team_id=team_id)
    assert org.admin_conversations_restrictAccess_listGroups(channel_id=private, team_id=team_id)["group_ids"] == [
        group
    ]
    org.admin_conversations_restrictAccess_removeGroup(channel_id=private, group_id=group, team_id=team_id)
    assert org.admin_conversations_restrictAccess_listGroups(channel_id=private, team_id=team_id)["group_ids"] == []
    # the group as SCIM shows it is unchanged by its admin settings
    again = httpx.get(
        f"{twin.base_url}/scim/v2/Groups/{group}", headers={"Authorization": f"Bearer {twin.tokens['org_admin']}"}
    )
    assert again.json()["displayName"] == scim.json()["Resources"][0]["displayName"] and "_admin" not in again.text
